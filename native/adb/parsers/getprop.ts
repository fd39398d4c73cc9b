// `getprop` prints one property per line as `[name]: [value]` (AOSP toolbox/getprop.cpp).
// A value may itself contain "]: [" or be empty; a line that does not fit is skipped rather
// than guessed at, and a reply with no property at all is an error (a lying or broken device).
const LINE = /^\[([^\]]+)\]: \[(.*)\]$/;

export class DeviceOutputError extends Error {
  constructor(what: string, detail: string) {
    super(`${what}: ${detail}`);
    this.name = 'DeviceOutputError';
  }
}

export function parseGetprop(output: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const raw of output.split('\n')) {
    const match = LINE.exec(raw.replace(/\r$/, ''));
    if (match) properties.set(match[1]!, match[2]!);
  }
  if (properties.size === 0) throw new DeviceOutputError('getprop', 'the device answered with no properties');
  return properties;
}
