import { z } from 'zod';

export const PLATFORMS = ['android', 'ios'] as const;
export const PlatformSchema = z.enum(PLATFORMS);

/** Lifecycle states an asset can be in; the moves between them are in lifecycle.ts. */
export const ASSET_STATES = [
  'ordered',
  'received',
  'in_stock',
  'staging',
  'staged',
  'issued',
  'returned',
  'in_repair',
  'wiped',
  'ready_for_reissue',
  'retired',
  'recycled',
  'lost',
] as const;
export const AssetStateSchema = z.enum(ASSET_STATES);
export type AssetState = z.infer<typeof AssetStateSchema>;

export const ROLE_PROFILES = ['office', 'hybrid', 'frontline', 'shared_device'] as const;
export const RoleProfileSchema = z.enum(ROLE_PROFILES);

/** Refurbisher grades: A like new … D for parts. */
export const CONDITION_GRADES = ['A', 'B', 'C', 'D'] as const;
export const ConditionGradeSchema = z.enum(CONDITION_GRADES);

/** ISO 4217 code, e.g. NOK. */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code such as NOK');
/** A calendar date, YYYY-MM-DD. */
export const IsoDateSchema = z.iso.date();
/** 15 digits with a valid Luhn check digit. */
export const ImeiSchema = z
  .string()
  .regex(/^\d{15}$/, 'an IMEI has 15 digits')
  .refine(luhnValid, 'the IMEI check digit is wrong');

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export const PurchaseSchema = z.strictObject({
  orderNumber: z.string().max(100).nullable(),
  supplier: z.string().max(200).nullable(),
  date: IsoDateSchema.nullable(),
  /** In minor units (øre, cents) so sums are exact. */
  priceMinor: z.number().int().nonnegative().nullable(),
  currency: CurrencySchema.nullable(),
  warrantyEnd: IsoDateSchema.nullable(),
});
export type Purchase = z.infer<typeof PurchaseSchema>;

export const CustomFieldValueSchema = z.union([z.string().max(2000), z.number(), z.boolean()]);
export type CustomFieldValue = z.infer<typeof CustomFieldValueSchema>;

/** The fields a person (or an import) may set on an asset; identity and lifecycle have their own requests. */
export const AssetFieldsSchema = z.strictObject({
  assetTag: z.string().trim().min(1).max(64).nullable(),
  serial: z.string().trim().min(1).max(200),
  platform: PlatformSchema,
  manufacturer: z.string().trim().min(1).max(100),
  model: z.string().trim().max(200),
  storageGb: z.number().int().positive().max(65_536).nullable(),
  osVersion: z.string().max(50),
  imeis: z.array(ImeiSchema).max(2),
  /** iOS identifiers arrive with the iOS bench; Android's platform identifier is its serial. */
  udid: z.string().max(100).nullable(),
  ecid: z.string().max(40).nullable(),
  purchase: PurchaseSchema,
  location: z.string().max(200).nullable(),
  roleProfile: RoleProfileSchema.nullable(),
  conditionGrade: ConditionGradeSchema.nullable(),
  /** Battery health in percent of design capacity. */
  batteryHealth: z.number().int().min(0).max(100).nullable(),
  tags: z.array(z.string().trim().min(1).max(50)).max(50),
  notes: z.string().max(10_000),
  /** By custom field key (defined in CustomFieldDefinition). */
  custom: z.record(z.string(), CustomFieldValueSchema),
});
export type AssetFields = z.infer<typeof AssetFieldsSchema>;

export const AssetSchema = AssetFieldsSchema.extend({
  id: z.number().int().positive(),
  state: AssetStateSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The person who holds it now, if issued. */
  assignee: z
    .strictObject({
      personId: z.number().int().positive(),
      name: z.string(),
      department: z.string().nullable(),
      /** How central systems (Snipe-IT, webhooks) recognise the person. */
      email: z.string().nullable(),
      since: z.string(),
    })
    .nullable(),
  /** The last staging: profile id and version, when, by which technician at which station. */
  staging: z
    .strictObject({
      profile: z.string(),
      profileVersion: z.number().int(),
      at: z.string(),
      by: z.string(),
      station: z.string(),
    })
    .nullable(),
});
export type Asset = z.infer<typeof AssetSchema>;

export const ASSET_SORT_FIELDS = [
  'assetTag',
  'serial',
  'manufacturer',
  'model',
  'osVersion',
  'state',
  'warrantyEnd',
  'updatedAt',
  'createdAt',
] as const;
export const AssetSortFieldSchema = z.enum(ASSET_SORT_FIELDS);
export type AssetSortField = z.infer<typeof AssetSortFieldSchema>;

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'boolean'] as const;
export const CustomFieldDefinitionSchema = z.strictObject({
  /** Stable key used in imports, exports and sync mappings. */
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter'),
  name: z.string().trim().min(1).max(80),
  type: z.enum(CUSTOM_FIELD_TYPES),
  required: z.boolean(),
});
export type CustomFieldDefinition = z.infer<typeof CustomFieldDefinitionSchema>;
