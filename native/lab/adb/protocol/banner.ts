// CNXN payloads. The host sends `host::features=a,b,…`; a device answers
// `device::ro.product.name=…;ro.product.model=…;ro.product.device=…;features=…`,
// which is where `adb devices -l` gets its product/model/device columns.

export interface Banner {
  systemType: string;
  properties: Record<string, string>;
  features: string[];
}

export function parseBanner(payload: Buffer): Banner {
  const text = payload.toString('utf8').replace(/\0+$/, '');
  const separator = text.indexOf('::');
  const systemType = separator < 0 ? text : text.slice(0, separator);
  const properties: Record<string, string> = {};
  let features: string[] = [];
  if (separator >= 0) {
    for (const pair of text.slice(separator + 2).split(';')) {
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const key = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      if (key === 'features') features = value.split(',').filter((name) => name !== '');
      else properties[key] = value;
    }
  }
  return { systemType, properties, features };
}

export function deviceBanner(properties: Record<string, string>, features: readonly string[]): Buffer {
  // ';' and '=' would break the host's parser; a model name never legitimately has them.
  const clean = (value: string) => value.replace(/[;=\0]/g, '_');
  const pairs = Object.entries(properties).map(([key, value]) => `${clean(key)}=${clean(value)}`);
  pairs.push(`features=${features.join(',')}`);
  return Buffer.from(`device::${pairs.join(';')}`, 'utf8');
}
