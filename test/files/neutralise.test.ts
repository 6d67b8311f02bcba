import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralise, unneutralise } from '../../src/files/neutralise.ts';

describe('formula-injection neutralisation', () => {
  it('guards every cell a spreadsheet could run with an apostrophe', () => {
    expect(neutralise('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(neutralise('+33 6 12 34 56 78')).toBe("'+33 6 12 34 56 78");
    expect(neutralise('-12.50')).toBe("'-12.50");
    expect(neutralise('@cmd')).toBe("'@cmd");
    expect(neutralise('\t=1')).toBe("'\t=1");
    expect(neutralise('\r=1')).toBe("'\r=1");
  });

  it('leaves other values alone, apostrophes included', () => {
    for (const v of ['', 'Acme', "'quoted", "l'addition", ' =1', '1-2', "''"]) expect(neutralise(v)).toBe(v);
  });

  it('adds one more apostrophe to a value that already looks guarded, so reading it back is exact', () => {
    expect(neutralise("'=x")).toBe("''=x");
    expect(unneutralise("''=x")).toBe("'=x");
    expect(unneutralise("'=x")).toBe('=x');
    expect(unneutralise("'quoted")).toBe("'quoted");
  });

  it('round-trips every string', () => {
    const value = fc.oneof(
      fc.string(),
      fc
        .tuple(
          fc.stringMatching(/^'{0,3}$/),
          fc.constantFrom('=', '+', '-', '@', '\t', '\r', 'a', "'"),
          fc.string(),
        )
        .map(([a, b, c]) => a + b + c),
    );
    fc.assert(
      fc.property(value, (v) => unneutralise(neutralise(v)) === v),
      { seed: 42, numRuns: 500 },
    );
  });

  it('never writes a value a spreadsheet could run', () => {
    fc.assert(
      fc.property(fc.string(), (v) => !/^[=+\-@\t\r]/.test(neutralise(v))),
      { seed: 42, numRuns: 500 },
    );
  });
});
