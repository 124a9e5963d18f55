import type { Reporter } from './reporter.js';
import { where } from './text.js';
import { plural } from './summary.js';

const escapeXml = (text: string): string =>
  text
    // Characters XML 1.0 cannot hold at all.
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** JUnit XML: one `<testcase>` per file and a `<failure>` per invalid file, for GitLab, Jenkins and others. */
export function junitReporter(): Reporter {
  const cases: string[] = [];
  return {
    listsCleanFiles: true,
    file(result) {
      const name = escapeXml(result.file);
      const lines = result.problems.map((p) => escapeXml(`${where(p)}: ${p.severity}: ${p.message} [${p.rule}]`)).join('\n');
      let body = '';
      if (!result.valid) {
        const errors = result.problems.filter((p) => p.severity === 'error').length;
        const message = errors > 0 ? plural(errors, 'error') : plural(result.problems.length, 'warning');
        body = `\n      <failure message="${escapeXml(message)}" type="${escapeXml(result.problems[0]?.rule ?? 'error')}">${lines}</failure>\n    `;
      } else if (result.problems.length > 0) {
        body = `\n      <system-out>${lines}</system-out>\n    `;
      }
      cases.push(`    <testcase classname="ecwid-instance" name="${name}" file="${name}">${body}</testcase>`);
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
