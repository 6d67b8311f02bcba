import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.ts';

describe('configuration', () => {
  it('gives new organizations contact import by default, and no feature when DEFAULT_FEATURES is empty', () => {
    const unset = parseConfig({});
    const empty = parseConfig({ DEFAULT_FEATURES: '' });
    const listed = parseConfig({ DEFAULT_FEATURES: ' contact-import , other ' });
    expect(unset.ok && unset.config.DEFAULT_FEATURES).toEqual(['contact-import']);
    expect(empty.ok && empty.config.DEFAULT_FEATURES).toEqual([]);
    expect(listed.ok && listed.config.DEFAULT_FEATURES).toEqual(['contact-import', 'other']);
  });

  it('treats other empty variables as unset and reports every invalid one', () => {
    const r = parseConfig({
      PORT: '',
      DATABASE_URL: 'mysql://x',
      APP_DATABASE_URL: 'http://x',
      SMTP_URL: 'x',
      HEAP_GROWTH_PERCENT: 'lots',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'APP_DATABASE_URL',
      'DATABASE_URL',
      'HEAP_GROWTH_PERCENT',
      'SMTP_URL',
    ]);
  });
});
