/** The known word closest to `word`, when it is close enough to be a likely typo. */
export function closest(word: string, known: readonly string[]): string | undefined {
  const allowed = Math.max(2, Math.floor(word.length / 5));
  let lower: string | undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    // A candidate whose length differs by more than `allowed` is too far to be the answer (and most
    // unknown keys have no candidate near their length: they are not even lowercased).
    if (Math.abs(candidate.length - word.length) > allowed) continue;
    lower ??= word.toLowerCase();
    const distance = editDistance(lower, candidate.toLowerCase(), Math.min(allowed, bestDistance));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

/**
 * Levenshtein distance with adjacent transpositions counted as one edit. Given a `limit`, it stops
 * once the distance is sure to exceed it and returns `limit + 1`: a row's least value is at least the
 * lesser of the previous row's least and the one before's least plus one, so when both are over the
 * limit every later row is too.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > 16) return Math.abs(a.length - b.length);
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Uint32Array(3 * width);
  // Three rows in one reused array (this runs for every unknown key of every file): the rows
  // before last, last and current start at these offsets, which rotate after each row.
  let previous2 = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) rows[previous + j] = j;
  let previousLeast = 0;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const aBefore = a.charCodeAt(i - 2);
    rows[current] = i;
    let least = i;
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min((rows[previous + j] ?? 0) + 1, (rows[current + j - 1] ?? 0) + 1, (rows[previous + j - 1] ?? 0) + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj) value = Math.min(value, (rows[previous2 + j - 2] ?? 0) + 1);
      rows[current + j] = value;
      if (value < least) least = value;
    }
    if (least > limit && previousLeast + 1 > limit) return limit + 1;
    previousLeast = least;
    const oldest = previous2;
    previous2 = previous;
    previous = current;
    current = oldest;
  }
  return rows[previous + b.length] ?? 0;
}

let rows = new Uint32Array(3 * 64);
