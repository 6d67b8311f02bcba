import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from '../../../src/domain/values/closest-name.ts';

const PLANS = ['Standard', 'Strict 30 days', 'Relance douce', 'Grands comptes'];

describe('closestName', () => {
  it.each([
    ['Standrad', 'Standard'],
    ['standard', 'Standard'],
    ['  STANDARD ', 'Standard'],
    ['Stanard', 'Standard'],
    ['Relance  douce', 'Relance douce'],
    ['Relance douse', 'Relance douce'],
    ['relance dôuce', 'Relance douce'],
    ['Strict 30 day', 'Strict 30 days'],
    ['Grand compte', 'Grands comptes'],
  ])('suggests a close name for %j: %j', (input, expected) => {
    expect(closestName(input, PLANS)).toBe(expected);
  });

  it.each(['Premium', 'Relance agressive', 'X', '', '   '])(
    'suggests nothing for the far value %j',
    (input) => {
      expect(closestName(input, PLANS)).toBeUndefined();
    },
  );

  it('suggests nothing when there is no name', () => {
    expect(closestName('Standard', [])).toBeUndefined();
  });

  it('never suggests a complete rewrite of a short value', () => {
    expect(closestName('ab', ['xy'])).toBeUndefined();
  });

  it('takes the closest, and the first of equally close names', () => {
    expect(closestName('Plan B', ['Plan A', 'Plan C', 'Plan BB'])).toBe('Plan A');
    expect(closestName('Plan AB', ['Plan A', 'Plan ABC'])).toBe('Plan A');
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['standard', 'standrad', 2],
  ])('between %j and %j is %i', (a, b, expected) => {
    expect(editDistance([...a], [...b])).toBe(expected);
  });
});
