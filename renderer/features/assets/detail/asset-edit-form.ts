import {
  AssetFieldsSchema,
  type Asset,
  type AssetFields,
  type Purchase,
} from '../../../../electron/common/models/asset.ts';

/** The edit form's text boxes; numbers and lists are typed as text and parsed on save. */
export const EDIT_FIELDS = [
  'assetTag',
  'model',
  'osVersion',
  'storageGb',
  'imeis',
  'location',
  'roleProfile',
  'conditionGrade',
  'batteryHealth',
  'tags',
  'orderNumber',
  'supplier',
  'purchaseDate',
  'price',
  'currency',
  'warrantyEnd',
  'notes',
] as const;
export type EditField = (typeof EDIT_FIELDS)[number];
export type EditDraft = Record<EditField, string>;

const PURCHASE_FIELDS: Record<
  'orderNumber' | 'supplier' | 'purchaseDate' | 'price' | 'currency' | 'warrantyEnd',
  keyof Purchase
> = {
  orderNumber: 'orderNumber',
  supplier: 'supplier',
  purchaseDate: 'date',
  price: 'priceMinor',
  currency: 'currency',
  warrantyEnd: 'warrantyEnd',
};

export function draftFromAsset(asset: Asset): EditDraft {
  const p = asset.purchase;
  return {
    assetTag: asset.assetTag ?? '',
    model: asset.model,
    osVersion: asset.osVersion,
    storageGb: asset.storageGb?.toString() ?? '',
    imeis: asset.imeis.join(', '),
    location: asset.location ?? '',
    roleProfile: asset.roleProfile ?? '',
    conditionGrade: asset.conditionGrade ?? '',
    batteryHealth: asset.batteryHealth?.toString() ?? '',
    tags: asset.tags.join(', '),
    orderNumber: p.orderNumber ?? '',
    supplier: p.supplier ?? '',
    purchaseDate: p.date ?? '',
    price: p.priceMinor === null ? '' : (p.priceMinor / 100).toFixed(2),
    currency: p.currency ?? '',
    warrantyEnd: p.warrantyEnd ?? '',
    notes: asset.notes,
  };
}

/** "1 234,50", "1234.5" or "1,234.50" → 123450 minor units; NaN when it is not a price. */
export function parsePriceMinor(text: string): number {
  const compact = text.replace(/[\s\u00a0']/g, '');
  // The last separator followed by one or two digits is the decimal one; others group thousands.
  const match = /^(\d+(?:[.,]\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return Number.NaN;
  const whole = match[1]!.replace(/[.,]/g, '');
  const cents = (match[2] ?? '').padEnd(2, '0');
  return Number(whole) * 100 + Number(cents);
}

const nullable = (text: string) => (text.trim() === '' ? null : text.trim());
const list = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
const int = (text: string) =>
  text.trim() === '' ? null : /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;

function parsed(draft: EditDraft) {
  return {
    assetTag: nullable(draft.assetTag),
    model: draft.model.trim(),
    osVersion: draft.osVersion.trim(),
    storageGb: int(draft.storageGb),
    imeis: list(draft.imeis),
    location: nullable(draft.location),
    roleProfile: nullable(draft.roleProfile),
    conditionGrade: nullable(draft.conditionGrade),
    batteryHealth: int(draft.batteryHealth),
    tags: list(draft.tags),
    notes: draft.notes,
  };
}

function purchaseOf(draft: EditDraft) {
  return {
    orderNumber: nullable(draft.orderNumber),
    supplier: nullable(draft.supplier),
    date: nullable(draft.purchaseDate),
    priceMinor: draft.price.trim() === '' ? null : parsePriceMinor(draft.price),
    currency: nullable(draft.currency.toUpperCase()),
    warrantyEnd: nullable(draft.warrantyEnd),
  };
}

/** A schema issue's path ("purchase.priceMinor", "imeis.1") → the form field that shows it. */
export function fieldForPath(path: string): EditField | undefined {
  const [head, sub] = path.replace(/^changes\./, '').split('.');
  if (head === 'purchase') {
    const entry = Object.entries(PURCHASE_FIELDS).find(([, key]) => key === sub);
    return entry?.[0] as EditField | undefined;
  }
  return (EDIT_FIELDS as readonly string[]).includes(head ?? '') ? (head as EditField) : undefined;
}

/**
 * Only what the user changed, checked against the same schema the core uses, so most mistakes
 * are named at the field before anything is sent. The purchase travels whole (it is one object).
 */
export function changesFromDraft(
  asset: Asset,
  draft: EditDraft,
): { changes: Partial<AssetFields>; errors: Partial<Record<EditField, string>> } {
  const before = draftFromAsset(asset);
  const values = parsed(draft);
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values))
    if (draft[key as EditField] !== before[key as EditField]) changes[key] = value;
  if (Object.keys(PURCHASE_FIELDS).some((key) => draft[key as EditField] !== before[key as EditField]))
    changes.purchase = purchaseOf(draft);

  const errors: Partial<Record<EditField, string>> = {};
  const result = AssetFieldsSchema.partial().safeParse(changes);
  if (!result.success)
    for (const issue of result.error.issues) {
      const field = fieldForPath(issue.path.map(String).join('.'));
      if (field && !errors[field]) errors[field] = issue.message;
    }
  return { changes: result.success ? result.data : {}, errors };
}
