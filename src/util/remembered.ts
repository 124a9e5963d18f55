/** Longer arguments (a hostile file's megabyte-long key, say) are never remembered. */
const MAX_KEY_LENGTH = 256;

/**
 * Remembers a function's answers by argument. Files made from one template repeat the same keys and
 * problems, so a run of thousands of files asks the same questions again and again. Bounded in
 * count and in the length of what it keeps, so that a run of distinct or huge keys cannot grow it
 * without end: past the limits, answers are computed anew.
 */
export function remembered<T>(compute: (key: string) => T, limit = 10_000): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as T;
    const answer = compute(key);
    if (answers.size < limit && key.length <= MAX_KEY_LENGTH) answers.set(key, answer);
    return answer;
  };
}
