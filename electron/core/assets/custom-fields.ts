import type { CustomFieldDefinition, CustomFieldValue } from '../../common/models/asset.ts';
import { IsoDateSchema } from '../../common/models/asset.ts';

export interface CustomFieldIssue {
  /** The custom field key, e.g. "cost_centre" (an import reports it as column custom:KEY). */
  key: string;
  message: string;
}

const typeChecks: Record<CustomFieldDefinition['type'], (value: CustomFieldValue) => boolean> = {
  text: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number' && Number.isFinite(value),
  boolean: (value) => typeof value === 'boolean',
  date: (value) => typeof value === 'string' && IsoDateSchema.safeParse(value).success,
};

/**
 * Checks an asset's custom values against the depot's definitions: every required field has a
 * value, every value has its field's type, and no value names an undefined field. Used by
 * create, update and the bulk import, so a file and a form are held to the same rules.
 */
export function validateCustomFields(
  definitions: readonly CustomFieldDefinition[],
  values: Readonly<Record<string, CustomFieldValue>>,
): CustomFieldIssue[] {
  return customFieldsValidator(definitions)(values);
}

/** validateCustomFields with the definitions looked up once, for the rows of an import. */
export function customFieldsValidator(
  definitions: readonly CustomFieldDefinition[],
): (values: Readonly<Record<string, CustomFieldValue>>) => CustomFieldIssue[] {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  return (values) => {
    const issues: CustomFieldIssue[] = [];
    for (const definition of definitions) {
      const value = values[definition.key];
      const empty = value === undefined || value === '';
      if (empty) {
        if (definition.required)
          issues.push({ key: definition.key, message: `${definition.name} is required` });
        continue;
      }
      if (!typeChecks[definition.type](value))
        issues.push({
          key: definition.key,
          message: `${definition.name} must be a ${definition.type === 'date' ? 'date (YYYY-MM-DD)' : definition.type}`,
        });
    }
    for (const key of Object.keys(values)) {
      if (!byKey.has(key)) issues.push({ key, message: `there is no custom field "${key}"` });
    }
    return issues;
  };
}
