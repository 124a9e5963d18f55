import { backslashEscape, escapeForeign } from '../../text/escape.js';
import type { Reporter } from './reporter.js';
import { where } from './text.js';
import { plural } from './summary.js';

// What XML 1.0 cannot hold at all, even as a reference, and `escapeForeign` leaves: lone surrogates,
// U+FFFE and U+FFFF. (Its C0 controls are escaped by `escapeForeign`.)
const NOT_XML = /[\uD800-\uDFFF\uFFFE\uFFFF]/gu;

const escapeMarkup = (text: string): string =>
  text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text content: lines of the text format, escaped as it escapes them, then the XML specials. */
const escapeContent = (text: string): string => escapeMarkup(escapeForeign(text));

/**
 * An attribute value, kept exact where XML can: a parser turns a raw tab or line feed there into a
 * space, so these and the other characters `escapeForeign` finds are written as character references
 * (`&#xa;`, `&#x202e;`). C0 controls that XML 1.0 cannot hold even so are shown as `\x1b`.
 */
const escapeAttribute = (text: string): string => escapeForeign(escapeMarkup(text), characterReference);

function characterReference(char: string): string {
  const code = char.charCodeAt(0);
  return code >= 0x20 || char === '\t' || char === '\n' || char === '\r' ? `&#x${code.toString(16)};` : backslashEscape(char);
}

/** JUnit XML: one `<testcase>` per file and a `<failure>` per invalid file, for GitLab, Jenkins and others. */
export function junitReporter(): Reporter {
  const cases: string[] = [];
  return {
    listsCleanFiles: true,
    file(result) {
      const name = escapeAttribute(result.file);
      const lines = result.problems.map((p) => escapeContent(`${where(p)}: ${p.severity}: ${p.message} [${p.rule}]`)).join('\n');
      let body = '';
      if (!result.valid) {
        const errors = result.problems.filter((p) => p.severity === 'error').length;
        const message = errors > 0 ? plural(errors, 'error') : plural(result.problems.length, 'warning');
        body = `\n      <failure message="${escapeAttribute(message)}" type="${escapeAttribute(result.problems[0]?.rule ?? 'error')}">${lines}</failure>\n    `;
      } else if (result.problems.length > 0) {
        body = `\n      <system-out>${lines}</system-out>\n    `;
      }
      // No `file` attribute: the Jenkins xunit schema allows none on a testcase, and the name is the file.
      cases.push(`    <testcase classname="ecwid-instance" name="${name}">${body}</testcase>`);
      return '';
    },
    end(summary) {
      const counts = `tests="${summary.files}" failures="${summary.invalid}" errors="0"`;
      return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="ecwid-instance validate" ${counts}>`,
        `  <testsuite name="ecwid-instance validate" ${counts} skipped="0">`,
        ...cases,
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n');
    },
  };
}
