import { describe, expect, it } from 'vitest';
import { APP_START_URL, isAppUrl, isTrustedFrame } from '../../../electron/main/url-policy.ts';

describe('the shell trusts only its own renderer', () => {
  it('accepts app://depotline/ pages', () => {
    expect(isAppUrl(APP_START_URL)).toBe(true);
    expect(isAppUrl('app://depotline/')).toBe(true);
    expect(isAppUrl('app://depotline/index.html#/assets?page=2')).toBe(true);
  });

  it.each([
    'https://depotline/',
    'file:///app/index.html',
    'app://evil/index.html',
    'app://depotline.evil.example/',
    'app://user:pass@depotline/',
    'app://depotline:8080/',
    'APP://other/',
    'javascript:alert(1)',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('talks only to the main frame of a page it served', () => {
    expect(isTrustedFrame({ url: APP_START_URL, parent: null })).toBe(true);
    expect(isTrustedFrame({ url: APP_START_URL, parent: {} }), 'a subframe').toBe(false);
    expect(isTrustedFrame({ url: 'https://example.com/', parent: null }), 'navigated elsewhere').toBe(false);
    expect(isTrustedFrame(null)).toBe(false);
    expect(isTrustedFrame(undefined)).toBe(false);
  });
});
