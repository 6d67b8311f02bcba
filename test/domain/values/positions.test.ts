import { describe, expect, it } from 'vitest';
import { normalisePositions, type Position } from '../../../src/domain/values/positions.ts';

describe('normalisePositions', () => {
  it.each<[string, Position[]]>([
    ['Accounting', ['accounting']],
    ['accountant', ['accounting']],
    ['Comptable', ['accounting']],
    ['COMPTABILITÉ', ['accounting']],
    ['comptabilite', ['accounting']],
    ['Sales', ['sales']],
    ['Commercial', ['sales']],
    ['commerciaux', ['sales']],
    ['Ventes', ['sales']],
    ['Buyer', ['buyer']],
    ['Acheteur', ['buyer']],
    ['Achats', ['buyer']],
    ['Purchasing', ['buyer']],
    ['Finance', ['finance']],
    ['Financier', ['finance']],
    ['financière', ['finance']],
    ['Comptable, Acheteur', ['accounting', 'buyer']],
    ['Finance;Sales', ['sales', 'finance']],
    ['Ventes | FINANCE / achats', ['sales', 'buyer', 'finance']],
    ['Comptabilité et Finance', ['accounting', 'finance']],
    ['Sales and Buyers', ['sales', 'buyer']],
    ['Finance, Comptable, Financier, finance', ['accounting', 'finance']],
    ['Accounting,,', ['accounting']],
    ['  Acheteur  ;  Comptable  ', ['accounting', 'buyer']],
    [' ; ', []],
    ['', []],
  ])('reads %j as %j', (input, expected) => {
    expect(normalisePositions(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['Boss', 'Boss'],
    ['Sales, Boss', 'Boss'],
    ['CEO; Comptable; Directeur', 'CEO, Directeur'],
    ['Accounting-Finance', 'Accounting-Finance'],
  ])('refuses %j naming the unknown part %j', (input, value) => {
    expect(normalisePositions(input)).toEqual({
      ok: false,
      error: { code: 'unknown_position', params: { value } },
    });
  });

  it('reads a cell repeated on many lines once, its result shared and frozen', () => {
    const first = normalisePositions('Comptable, Acheteur');
    // A copy of the text, as the next line of a file brings it.
    const again = normalisePositions(`Comptable, ${'Acheteur'}`);
    expect(again).toBe(first);
    expect(first).toEqual({ ok: true, value: ['accounting', 'buyer'] });
    expect(Object.isFrozen(first) && first.ok && Object.isFrozen(first.value)).toBe(true);
    const refused = normalisePositions('Boss');
    expect(normalisePositions('Boss')).toBe(refused);
    expect(Object.isFrozen(refused) && !refused.ok && Object.isFrozen(refused.error.params)).toBe(true);
  });
});
