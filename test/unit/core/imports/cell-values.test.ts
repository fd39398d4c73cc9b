import { describe, expect, it } from 'vitest';
import { parseDate, parsePrice, parseStorage } from '../../../../electron/core/imports/cell-values.ts';

describe('cell values', () => {
  it('reads dates as YYYY-MM-DD, DD.MM.YYYY and unambiguous slash dates', () => {
    expect(parseDate('2025-03-14')).toBe('2025-03-14');
    expect(parseDate('14.03.2025')).toBe('2025-03-14');
    expect(parseDate('4.3.2025')).toBe('2025-03-04');
    expect(parseDate('03/14/2025')).toBe('2025-03-14'); // month first (US)
    expect(parseDate('14/03/2025')).toBe('2025-03-14'); // day first (UK)
    expect(parseDate('05/05/2025')).toBe('2025-05-05');
  });

  it('refuses ambiguous slash dates, impossible dates and other formats, saying what to write', () => {
    expect(() => parseDate('03/04/2025')).toThrow('"03/04/2025" could be 3 April or 4 March');
    expect(() => parseDate('31.02.2025')).toThrow('not a date in the calendar');
    expect(() => parseDate('2025-13-01')).toThrow('not a date in the calendar');
    expect(() => parseDate('March 3rd')).toThrow('use YYYY-MM-DD, DD.MM.YYYY or MM/DD/YYYY');
  });

  it('reads prices in minor units, with comma or dot decimals and space thousands', () => {
    expect(parsePrice('1 234,50')).toEqual({ minor: 123450, currency: null });
    expect(parsePrice('1\u00a0234,50')).toEqual({ minor: 123450, currency: null });
    expect(parsePrice('1\u202f234,5')).toEqual({ minor: 123450, currency: null });
    expect(parsePrice('1.234,50')).toEqual({ minor: 123450, currency: null });
    expect(parsePrice('1,234.50')).toEqual({ minor: 123450, currency: null });
    expect(parsePrice('1234.5')).toEqual({ minor: 123450, currency: null });
    expect(parsePrice('4990')).toEqual({ minor: 499000, currency: null });
    expect(parsePrice('12 990,-')).toEqual({ minor: 1299000, currency: null });
    expect(parsePrice('1.234.567')).toEqual({ minor: 123456700, currency: null });
    expect(parsePrice('NOK 1 234,50')).toEqual({ minor: 123450, currency: 'NOK' });
    expect(parsePrice('kr 99,90')).toEqual({ minor: 9990, currency: 'NOK' });
  });

  it('refuses prices it would have to guess', () => {
    expect(() => parsePrice('1,234')).toThrow('ambiguous');
    expect(() => parsePrice('1.234')).toThrow('ambiguous');
    expect(() => parsePrice('12.345,678')).toThrow('more than two decimals');
    expect(() => parsePrice('cheap')).toThrow('not a price');
    expect(() => parsePrice('-5')).toThrow('not a price');
  });

  it('reads storage in GB or TB', () => {
    expect([parseStorage('128'), parseStorage('256 GB'), parseStorage('1TB')]).toEqual([128, 256, 1024]);
    expect(() => parseStorage('lots')).toThrow('not a storage size');
  });
});
