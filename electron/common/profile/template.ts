/** Per-device values a profile may use in templated fields, e.g. `DL-${assetTag}`. */
export const TEMPLATE_VARIABLES = [
  'serial',
  'assetTag',
  'imei',
  'udid',
  'manufacturer',
  'model',
  'slot',
  'station',
  'technician',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string>>;

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** Names used in a template that are not template variables (empty when all are known). */
export function unknownTemplateVariables(template: string): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) unknown.push(name);
  }
  return unknown;
}

/** Fills a template; a variable this device has no value for is an error, never an empty string. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name as TemplateVariable];
    if (value === undefined || value === '') throw new Error(`no value for \${${name}} on this device`);
    return value;
  });
}
