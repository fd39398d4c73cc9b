import { describe, expect, it } from 'vitest';
import { appContentSecurityPolicy, appResponseHeaders } from '../../../electron/main/content-policy.ts';
import { contentSecurityPolicy } from '../../../electron/station/security-headers.ts';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0], d] as const));

describe("the Electron renderer's CSP", () => {
  it("is the station's policy with connect-src narrowed to 'self'", () => {
    const electron = directives(appContentSecurityPolicy());
    const station = directives(contentSecurityPolicy('localhost'));
    expect(electron.get('connect-src')).toBe("connect-src 'self'");
    electron.delete('connect-src');
    station.delete('connect-src');
    expect(electron).toEqual(station);
  });

  it('keeps scripts to the app itself and forbids embedding', () => {
    const policy = appContentSecurityPolicy();
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('goes on every response with nosniff', () => {
    expect(appResponseHeaders('text/html; charset=utf-8')).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': appContentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
    });
  });
});
