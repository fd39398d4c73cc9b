// Which URLs the shell trusts. Pure (no electron import) so the rules are unit-tested in
// plain Node: the window loads only app://depotline/ and talks only to its own main frame.

export const APP_SCHEME = 'app';
export const APP_HOST = 'depotline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True for a URL of our own renderer: the app scheme, our host, no credentials or port. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== undefined &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** The one frame the shell talks to: the main frame of our window, showing our renderer. */
export function isTrustedFrame(frame: { url: string; parent: unknown } | null | undefined): boolean {
  return frame != null && frame.parent === null && isAppUrl(frame.url);
}
