/**
 * Remembers the results of a pure function of a string, for values up to `longest` characters and up to `max`
 * of them (all are forgotten at once when the bound is reached, which costs less than tracking the oldest).
 * For work an import does on every line that files repeat, here and there: a switchboard's number, a positions
 * cell.
 */
export function boundedMemo<T>(compute: (value: string) => T, opts: { max: number; longest: number }) {
  const known = new Map<string, T>();
  return (value: string): T => {
    if (value.length > opts.longest) return compute(value);
    let result = known.get(value);
    if (result === undefined) {
      result = compute(value);
      if (known.size >= opts.max) known.clear();
      known.set(value, result);
    }
    return result;
  };
}

/**
 * Remembers the last result of a pure function of a string: for values that repeat on consecutive lines (a
 * customer's name on each of its contacts' lines, read twice per line) and are mostly new otherwise. Comparing
 * with the last value costs next to nothing; for a name's key, a map of recent values cost three times what
 * computing the key does on a file of distinct names (every miss hashed, stored and later evicted, the entries
 * promoted by the collector).
 */
export function lastValueMemo<T>(compute: (value: string) => T): (value: string) => T {
  let lastValue: string | undefined;
  let lastResult: T | undefined;
  return (value: string): T => {
    if (value !== lastValue) {
      lastResult = compute(value);
      lastValue = value;
    }
    return lastResult as T;
  };
}
