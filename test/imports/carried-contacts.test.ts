import { describe, expect, it } from 'vitest';
import { blankContact } from '../../src/domain/import-plan/contacts.ts';
import { CONTACT_FIELD_BITS, type ContactState, fieldBits } from '../../src/domain/import-plan/types.ts';
import { withCarried } from '../../src/services/imports/engine.ts';

/**
 * A batch's records are read before the batch planned just before it writes its contacts: those contacts are
 * handed over in memory and laid over what was read, as PostgreSQL will hold them.
 */

/** A stored contact (not new, not dirty) unless `over` says otherwise. */
function contact(id: string, customerId: string, over: Partial<ContactState> = {}): ContactState {
  return { ...blankContact(id, customerId, `${id}@example.com`), isNew: false, dirty: false, ...over };
}

describe('the contacts of the batch before, laid over a batch read', () => {
  it('replace their stored versions, come as stored records, and stay with their own customers', () => {
    const stored = [contact('a', 'c1', { firstName: 'Old' }), contact('b', 'c1')];
    const carried = [
      contact('a', 'c1', {
        firstName: 'New',
        dirty: true,
        changed: fieldBits(CONTACT_FIELD_BITS, ['firstName']),
      }),
      contact('n', 'c1', { isNew: true, dirty: true, positions: ['finance'] }),
      contact('x', 'c9', { isNew: true, dirty: true }),
    ];
    const out = withCarried(stored, carried, new Set(['c1']));
    expect(out.map((c) => [c.id, c.firstName, c.isNew, c.dirty, c.changed])).toEqual([
      ['b', null, false, false, 0],
      ['a', 'New', false, false, 0],
      ['n', null, false, false, 0],
    ]);
    // Copies: planning the next batch never changes what the batch before is writing.
    out.find((c) => c.id === 'n')!.positions.push('sales');
    expect(carried[1]!.positions).toEqual(['finance']);
    expect(carried[1]!.isNew).toBe(true);
  });

  it('take the main flag from a stored contact of the same customer, as the contacts write does', () => {
    // "m" was made main by hand after the batch before read its customer; that batch made "y" main.
    const stored = [contact('m', 'c1', { isMain: true }), contact('k', 'c2', { isMain: true })];
    const carried = [contact('y', 'c1', { isMain: true, isNew: true, dirty: true })];
    const out = withCarried(stored, carried, new Set(['c1', 'c2']));
    expect(out.map((c) => [c.id, c.isMain])).toEqual([
      ['m', false],
      ['k', true],
      ['y', true],
    ]);
    expect(stored[0]!.isMain).toBe(true);
  });

  it('leave a read alone when the batch before wrote no contact', () => {
    const stored = [contact('a', 'c1')];
    expect(withCarried(stored, [], new Set(['c1']))).toBe(stored);
  });
});
