import { describe, expect, it } from 'vitest';
import {
  CONTACT_FIELD_BITS,
  CUSTOMER_FIELD_BITS,
  fieldBits,
  markChanged,
} from '../../src/domain/import-plan/types.ts';
import { CONTACT_COLUMNS, CUSTOMER_COLUMNS } from '../../src/storage/columns.ts';

describe("a record's changed bits", () => {
  it('name every column an import writes, once', () => {
    // An update writes the columns whose bit is set: a column without a bit would never be updated.
    expect([...CUSTOMER_FIELD_BITS].sort()).toEqual(Object.keys(CUSTOMER_COLUMNS).sort());
    expect([...CONTACT_FIELD_BITS].sort()).toEqual(Object.keys(CONTACT_COLUMNS).sort());
  });

  it('are recorded for a stored record only', () => {
    const stored = { isNew: false, changed: 0 };
    markChanged(stored, CONTACT_FIELD_BITS, ['phone']);
    markChanged(stored, CONTACT_FIELD_BITS, ['isMain', 'phone']);
    expect(stored.changed).toBe(fieldBits(CONTACT_FIELD_BITS, ['phone', 'isMain']));
    expect(stored.changed).toBe((1 << 3) | (1 << 6));
    const created = { isNew: true, changed: 0 };
    markChanged(created, CONTACT_FIELD_BITS, ['phone']);
    expect(created.changed).toBe(0);
    expect(() => fieldBits(CONTACT_FIELD_BITS, ['nickname' as 'phone'])).toThrow(
      'no changed bit for nickname',
    );
  });
});
