import { nameKey } from '../text.ts';

/**
 * The name in `names` closest to `value` (edit distance on the matching key), when close enough to be a likely
 * typo: at most max(2, 30% of the value's length) edits, and never a complete rewrite. Ties go to the first.
 */
export function closestName(value: string, names: readonly string[]): string | undefined {
  const key = [...nameKey(value)];
  if (key.length === 0) return undefined;
  const limit = Math.max(2, Math.floor(key.length * 0.3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of names) {
    const other = [...nameKey(name)];
    if (other.length === 0 || Math.abs(other.length - key.length) > limit) continue;
    const distance = editDistance(key, other);
    if (distance <= limit && distance < Math.max(key.length, other.length) && distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance between two strings given as arrays of code points. */
export function editDistance(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
