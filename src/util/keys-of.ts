/** Objects with at least this many keys have their key list kept; smaller ones list them anew. */
const MANY_KEYS = 1000;

const listed = new WeakMap<object, readonly string[]>();

/**
 * `Object.keys`, kept for an object of many keys. JavaScript holds such an object as a dictionary, and
 * listing its keys sorts them all again each time: several checks of one file of 250,000 keys would
 * each pay that. Parsed data is never changed, so the list stays true; it must not be changed either.
 */
export function keysOf(object: object): readonly string[] {
  const kept = listed.get(object);
  if (kept !== undefined) return kept;
  const keys = Object.keys(object);
  if (keys.length >= MANY_KEYS) listed.set(object, keys);
  return keys;
}
