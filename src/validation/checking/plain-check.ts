import { countKeysInText } from './duplicate-keys.js';
import { MOST_KEYS, plainCheck } from './generated/plain-check.js';
import { mayHoldPlaceholder, plainlyPassesEventRules } from './rules.js';

/**
 * Whether a parsed file is plainly valid: every check would find nothing in it. Most files are, and
 * this proves it in one pass over the data (generated from the schema by scripts/plain-check.js),
 * where the schema validator, the rules and the duplicate-key count would each walk it again.
 * False only means "not sure": the file then takes the full checks, which say what is wrong.
 */
export function isPlainlyValid(text: string, data: unknown): boolean {
  if (mayHoldPlaceholder(text)) return false;
  // More keys than the schema allows in all is never plain: known without walking an object of
  // thousands (which JavaScript would list and sort in full before looking at the first).
  const keys = countKeysInText(text);
  if (keys > MOST_KEYS) return false;
  // JSON.parse keeps one property per distinct key, so a text with no more keys has no duplicate.
  return plainCheck(data) === keys && plainlyPassesEventRules(data);
}
