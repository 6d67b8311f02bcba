import { describe, expect, it } from 'vitest';
import { formatNumber, generalNumber, isDateFormat, serialToIso } from '../../src/files/xlsx-cells.ts';

describe('generalNumber', () => {
  it('shows numbers without float noise and never in exponent form', () => {
    expect(generalNumber(612345678)).toBe('612345678');
    expect(generalNumber(0.1 + 0.2)).toBe('0.3');
    expect(generalNumber(-12.5)).toBe('-12.5');
    expect(generalNumber(1e21)).toBe('1000000000000000000000');
    expect(generalNumber(1.5e-7)).toBe('0.00000015');
    expect(generalNumber(2 ** 60)).toBe('1152921504606850000');
    expect(generalNumber(0)).toBe('0');
    expect(generalNumber(-0)).toBe('0');
    expect(generalNumber(33333.333333333336)).toBe('33333.3333333333');
  });
});

describe('formatNumber', () => {
  it('keeps the leading zeros of zero-padded formats', () => {
    expect(formatNumber(1000, '00000', false)).toBe('01000');
    expect(formatNumber(75002, '00000', false)).toBe('75002');
    expect(formatNumber(612345678, '0000000000', false)).toBe('0612345678');
    expect(formatNumber(1000, '[<=99999]00000;00000-0000', false)).toBe('01000');
  });

  it('lays out digit patterns with literals', () => {
    expect(formatNumber(612345678, '0# ## ## ## ##', false)).toBe('06 12 34 56 78');
    expect(formatNumber(612345678, '00\\ 00\\ 00\\ 00\\ 00', false)).toBe('06 12 34 56 78');
    expect(formatNumber(2125550100, '(000) 000-0000', false)).toBe('(212) 555-0100');
    expect(formatNumber(42, '"C-"0000', false)).toBe('C-0042');
  });

  it('shows fixed and optional decimals, percentages, and no grouping', () => {
    expect(formatNumber(-12.5, '0.00', false)).toBe('-12.50');
    expect(formatNumber(1234567.891, '#,##0.00', false)).toBe('1234567.89');
    expect(formatNumber(1234567.891, '#,##0', false)).toBe('1234568');
    expect(formatNumber(0.125, '0.0%', false)).toBe('12.5%');
    expect(formatNumber(0.5, '0%', false)).toBe('50%');
    expect(formatNumber(2.5, '0.##', false)).toBe('2.5');
    expect(formatNumber(2, '0.##', false)).toBe('2');
    expect(formatNumber(0.3, '#.00', false)).toBe('.30');
  });

  it('uses the negative section of a format without adding a sign', () => {
    expect(formatNumber(-5, '0.00;(0.00)', false)).toBe('(5.00)');
    expect(formatNumber(5, '0.00;(0.00)', false)).toBe('5.00');
  });

  it('falls back to General for General, text and unusual formats', () => {
    expect(formatNumber(612345678, 'General', false)).toBe('612345678');
    expect(formatNumber(612345678, '@', false)).toBe('612345678');
    expect(formatNumber(123456, '0.00E+00', false)).toBe('123456');
    expect(formatNumber(0.5, '# ?/?', false)).toBe('0.5');
    expect(formatNumber(1.5, '0# ##', false)).toBe('1.5');
    expect(formatNumber(7, undefined, false)).toBe('7');
  });

  it('shows dates and times as ISO text', () => {
    expect(formatNumber(45356, 'dd/mm/yyyy', false)).toBe('2024-03-05');
    expect(formatNumber(45356.604166666664, 'dd/mm/yyyy hh:mm', false)).toBe('2024-03-05 14:30');
    expect(formatNumber(45356.604166666664, 'm/d/yy', false)).toBe('2024-03-05');
    expect(formatNumber(0.604166666666667, 'hh:mm', false)).toBe('14:30');
    expect(formatNumber(43894, 'yyyy-mm-dd', true)).toBe('2024-03-05');
  });
});

describe('dates', () => {
  it('recognises date formats, not General or number formats', () => {
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('[$-40C]d mmmm yyyy;@')).toBe(true);
    expect(isDateFormat('h:mm AM/PM')).toBe(true);
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat('#,##0.00 "days"')).toBe(false);
    expect(isDateFormat('[Red]0.00')).toBe(false);
  });

  it('follows Excel’s 1900 calendar', () => {
    expect(serialToIso(1, false, 'yyyy-mm-dd')).toBe('1900-01-01');
    expect(serialToIso(61, false, 'yyyy-mm-dd')).toBe('1900-03-01');
    expect(serialToIso(0, true, 'yyyy-mm-dd')).toBe('1904-01-01');
  });
});
