/**
 * Remembers the results of a pure function of a string, for values up to `longest` characters and up to `max`
 * of them (all are forgotten at once when the bound is reached, which costs less than tracking the oldest).
 * For work an import does on every line that files repeat: a customer's name on each of its contacts' lines, a
 * switchboard's number.
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
