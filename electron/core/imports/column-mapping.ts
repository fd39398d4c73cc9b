import {
  ASSET_IMPORT_TARGETS,
  CUSTOM_TARGET_PREFIX,
  PERSON_IMPORT_TARGETS,
  type ColumnMapping,
  type ImportKind,
  type RowIssue,
} from '../../common/models/asset-import.ts';
import type { CustomFieldDefinition } from '../../common/models/asset.ts';
import { CoreError } from '../core-error.ts';

/** "Asset Tag", "asset_tag" and "ASSET-TAG" are the same header. */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Header names people and suppliers use, by target, in normalised form. */
const SYNONYMS: Record<string, readonly string[]> = {
  assetTag: ['assettag', 'tag', 'assetnumber', 'assetno', 'assetid', 'inventorynumber'],
  serial: ['serial', 'serialnumber', 'serialno', 'sn', 'serienummer'],
  platform: ['platform'],
  manufacturer: ['manufacturer', 'make', 'brand', 'produsent'],
  model: ['model', 'modelname', 'devicemodel', 'modell'],
  storageGb: ['storage', 'storagegb', 'capacity'],
  osVersion: ['osversion', 'os'],
  imei: ['imei', 'imei1', 'imei2', 'imeinumber'],
  udid: ['udid'],
  ecid: ['ecid'],
  orderNumber: ['ordernumber', 'orderno', 'po', 'ponumber', 'purchaseorder'],
  supplier: ['supplier', 'vendor', 'leverandør'],
  purchaseDate: ['purchasedate', 'orderdate', 'dateofpurchase', 'innkjøpsdato'],
  price: ['price', 'purchasecost', 'cost', 'unitprice', 'pris'],
  currency: ['currency'],
  warrantyEnd: ['warrantyend', 'warranty', 'warrantyexpiry', 'warrantyenddate', 'warrantyuntil'],
  location: ['location', 'depot'],
  roleProfile: ['roleprofile', 'role'],
  conditionGrade: ['conditiongrade', 'condition', 'grade'],
  batteryHealth: ['batteryhealth', 'battery'],
  tags: ['tags', 'labels'],
  notes: ['notes', 'note', 'comment', 'comments'],
  name: ['name', 'fullname', 'employeename', 'navn'],
  email: ['email', 'emailaddress', 'mail', 'epost'],
  employeeId: ['employeeid', 'employeenumber', 'employeeno', 'empid', 'staffid', 'ansattnummer'],
  badge: ['badge', 'badgeid', 'badgenumber', 'cardnumber'],
  department: ['department', 'dept', 'avdeling'],
  costCentre: ['costcentre', 'costcenter', 'kostnadssted'],
};

function targetsOf(kind: ImportKind): readonly string[] {
  return kind === 'assets' ? ASSET_IMPORT_TARGETS : PERSON_IMPORT_TARGETS;
}

/** Targets that may take more than one column (a dual-SIM phone's two IMEIs). */
const MULTI_COLUMN_TARGETS = new Set(['imei']);

/**
 * The mapping the preview suggests: each header to the target its name (or a synonym, or a
 * custom field's key or name) says, else null. A target is suggested for its first header only.
 */
export function suggestMapping(
  kind: ImportKind,
  headers: readonly string[],
  customFields: readonly CustomFieldDefinition[],
): ColumnMapping {
  const byName = new Map<string, string>();
  for (const target of targetsOf(kind)) for (const name of SYNONYMS[target] ?? []) byName.set(name, target);
  if (kind === 'assets') {
    for (const field of customFields) {
      byName.set(normaliseHeader(field.key), `${CUSTOM_TARGET_PREFIX}${field.key}`);
      byName.set(normaliseHeader(field.name), `${CUSTOM_TARGET_PREFIX}${field.key}`);
    }
  }
  const mapping: ColumnMapping = {};
  const taken = new Set<string>();
  for (const header of headers) {
    if (header in mapping) continue;
    const literal = header.startsWith(CUSTOM_TARGET_PREFIX) ? header : undefined;
    const target = literal ?? byName.get(normaliseHeader(header)) ?? null;
    const free = target !== null && (MULTI_COLUMN_TARGETS.has(target) || !taken.has(target));
    mapping[header] = free ? target : null;
    if (free) taken.add(target);
  }
  return mapping;
}

/** A mapping resolved against the header row: for each target, the column indexes it reads. */
export type ColumnPlan = Map<string, number[]>;

/**
 * Checks a mapping (suggested or the user's) against the file's headers and the known targets;
 * a mapping that names an unknown target or column is the caller's mistake (invalid input),
 * while duplicate headers are a problem of the file, reported as row-1 issues.
 */
export function planColumns(
  kind: ImportKind,
  headers: readonly string[],
  mapping: ColumnMapping,
  customFields: readonly CustomFieldDefinition[],
): { plan: ColumnPlan; headerIssues: RowIssue[] } {
  const known = new Set<string>(targetsOf(kind));
  if (kind === 'assets') for (const field of customFields) known.add(`${CUSTOM_TARGET_PREFIX}${field.key}`);
  const plan: ColumnPlan = new Map();
  const headerIssues: RowIssue[] = [];
  for (const [header, target] of Object.entries(mapping)) {
    if (target === null) continue;
    if (!known.has(target))
      throw new CoreError(
        'invalid_input',
        `The mapping sends "${header}" to "${target}", which is not a ${kind === 'assets' ? 'asset' : 'person'} field${kind === 'assets' ? ' or a defined custom:KEY' : ''}.`,
      );
    const columns = headers.flatMap((name, index) => (name === header ? [index] : []));
    if (columns.length === 0)
      throw new CoreError('invalid_input', `The mapping names a column "${header}" the file does not have.`);
    if (columns.length > 1) {
      headerIssues.push({
        row: 1,
        column: header,
        message: `The header "${header}" appears ${columns.length} times (columns ${columns.map((c) => c + 1).join(', ')}); rename all but one so it is clear which to import.`,
      });
      continue;
    }
    const existing = plan.get(target);
    if (existing && !MULTI_COLUMN_TARGETS.has(target))
      throw new CoreError(
        'invalid_input',
        `The mapping sends two columns ("${headers[existing[0]!]}" and "${header}") to ${target}.`,
      );
    plan.set(target, [...(existing ?? []), columns[0]!]);
  }
  const required = kind === 'assets' ? ['serial', 'manufacturer'] : ['name'];
  for (const target of required) {
    if (!plan.has(target) && !headerIssues.some((issue) => mapping[issue.column ?? ''] === target))
      headerIssues.push({
        row: 1,
        column: null,
        message: `No column is mapped to ${target}, which every ${kind === 'assets' ? 'asset' : 'person'} needs.${headers.length === 1 ? ` The header row is one column ("${truncate(headers[0]!)}"): is the file separated by something other than comma, semicolon or tab?` : ''}`,
      });
  }
  return { plan, headerIssues };
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
