import { countKeysInText } from './duplicate-keys.js';
import { plainCheck } from './generated/plain-check.js';
import { mayHoldPlaceholder, plainlyPassesEventRules } from './rules.js';

/**
 * Whether a parsed file is plainly valid: every check would find nothing in it. Most files are, and
 * this proves it in one pass over the data (generated from the schema by scripts/plain-check.js),
 * where the schema validator, the rules and the duplicate-key count would each walk it again.
 * False only means "not sure": the file then takes the full checks, which say what is wrong.
 */
export function isPlainlyValid(text: string, data: unknown): boolean {
  if (mayHoldPlaceholder(text)) return false;
  const properties = plainCheck(data);
  // JSON.parse keeps one property per distinct key, so a text with no more keys has no duplicate.
  return properties >= 0 && countKeysInText(text) === properties && plainlyPassesEventRules(data);
}
