import { describe, expect, it } from 'vitest';
import { normaliseMainContactFlag } from '../../../src/domain/values/main-contact.ts';

describe('normaliseMainContactFlag', () => {
  it.each(['1', 'yes', 'YES', 'Oui', 'true', 'TRUE', 'x', 'X', 'vrai', 'Vrai', 'y', 'o', ' 1 '])(
    'reads %j as true',
    (input) => {
      expect(normaliseMainContactFlag(input)).toEqual({ ok: true, value: true });
    },
  );

  it.each(['0', 'no', 'No', 'non', 'NON', 'false', 'faux', 'n'])('reads %j as false', (input) => {
    expect(normaliseMainContactFlag(input)).toEqual({ ok: true, value: false });
  });

  it.each(['', '   ', '\u00a0'])('reads the empty cell %j as not set', (input) => {
    expect(normaliseMainContactFlag(input)).toEqual({ ok: true, value: undefined });
  });

  it.each(['2', 'maybe', 'peut-être', 'oui non', '11'])('refuses %j', (input) => {
    expect(normaliseMainContactFlag(input)).toEqual({
      ok: false,
      error: { code: 'invalid_main_contact_flag', params: { value: input } },
    });
  });
});
