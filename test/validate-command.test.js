import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, tempDir } from './helpers/cli.js';
import { fixtures } from './helpers/paths.js';
import { junitSchemaErrors, parseXml } from "./helpers/xml.js";
import { jsonReporter } from '../dist/validation/reporting/json.js';

const valid = readFileSync(join(fixtures, 'valid/docs-example-filled.json'), 'utf8');
const template = readFileSync(join(fixtures, 'invalid/docs-template.json'), 'utf8');
const warnings = readFileSync(join(fixtures, 'invalid/events-warnings.json'), 'utf8');

/** A folder with one valid file, the raw docs template and a file with warnings only. */
function project(t) {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'configs/eu'), { recursive: true });
  writeFileSync(join(dir, 'configs/a-valid.json'), valid);
  writeFileSync(join(dir, 'configs/eu/b-template.json'), template);
  writeFileSync(join(dir, 'configs/c-warnings.json'), warnings);
  return dir;
}

const TEMPLATE_LINES = [
  'configs/eu/b-template.json:6:24: error: ecwid.order.key still holds a docs placeholder: replace it with the real value [placeholder]',
  'configs/eu/b-template.json:7:26: error: ecwid.product.key still holds a docs placeholder: replace it with the real value [placeholder]',
  'configs/eu/b-template.json:8:23: error: ecwid.store.id still holds the docs placeholder <INSERT_STORE_ID>: replace it with the real value [placeholder]',
  'configs/eu/b-template.json:10:40: error: event.notification.callback.url still holds the docs placeholder <INSERT_YOUR_APPS_CALLBACK_URL>: replace it with the real value [placeholder]',
  'configs/eu/b-template.json:13:5: error: tags[0] still holds the docs placeholder <Add_Your_Tag>: replace it with the real value [placeholder]',
  'configs/eu/b-template.json:15:11: error: name still holds the docs placeholder <Insert_Instance_Name>: replace it with the real value [placeholder]',
];
const WARNING_LINES = [
  'configs/c-warnings.json:7:35: warning: event.notification.enabled is the JSON boolean true; Cloud Elements stores configuration values as strings: write "true" [boolean-string]',
  'configs/c-warnings.json:8:40: warning: event.notification.callback.url uses plain http:// for a host that is not loopback; events would travel unencrypted: use https:// [insecure-url]',
  'configs/c-warnings.json:9:30: warning: filter.response.nulls is the JSON boolean false; Cloud Elements stores configuration values as strings: write "false" [boolean-string]',
];

describe('validate: text format and exit codes', () => {
  test('a filled-in docs example is valid: exit 0', async (t) => {
    const dir = project(t);
    const { code, stdout, stderr } = await runCli(['validate', 'configs/a-valid.json'], { cwd: dir });
    assert.equal(stdout, '1 file checked: 1 valid, 0 invalid (0 errors, 0 warnings)\n');
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  test('the raw docs template: exit 1, every placeholder at its line', async (t) => {
    const dir = project(t);
    const { code, stdout } = await runCli(['validate', 'configs/eu/b-template.json'], { cwd: dir });
    assert.equal(stdout, [...TEMPLATE_LINES, '1 file checked: 0 valid, 1 invalid (6 errors, 0 warnings)', ''].join('\n'));
    assert.equal(code, 1);
  });

  test('a directory: every *.json below it, in order, every file checked', async (t) => {
    const dir = project(t);
    const { code, stdout } = await runCli(['validate', 'configs'], { cwd: dir });
    assert.equal(stdout, [...WARNING_LINES, ...TEMPLATE_LINES, '3 files checked: 2 valid, 1 invalid (6 errors, 3 warnings)', ''].join('\n'));
    assert.equal(code, 1);
  });

  test('warnings alone: exit 0; with --strict: exit 1 and the file is invalid', async (t) => {
    const dir = project(t);
    assert.equal((await runCli(['validate', 'configs/c-warnings.json'], { cwd: dir })).code, 0);
    const strict = await runCli(['validate', '--strict', 'configs/c-warnings.json'], { cwd: dir });
    assert.equal(strict.code, 1);
    assert.match(strict.stdout, /1 file checked: 0 valid, 1 invalid \(0 errors, 3 warnings\)\n$/);
  });

  test('--quiet prints problems only', async (t) => {
    const dir = project(t);
    const { stdout, code } = await runCli(['validate', '-q', 'configs'], { cwd: dir });
    assert.equal(stdout, [...WARNING_LINES, ...TEMPLATE_LINES, ''].join('\n'));
    assert.equal(code, 1);
    assert.equal((await runCli(['validate', '--quiet', 'configs/a-valid.json'], { cwd: dir })).stdout, '');
  });

  test('a quoted glob expands to matching files only', async (t) => {
    const dir = project(t);
    const { stdout, code } = await runCli(['validate', 'configs/**/b-*.json'], { cwd: dir });
    assert.equal(stdout, [...TEMPLATE_LINES, '1 file checked: 0 valid, 1 invalid (6 errors, 0 warnings)', ''].join('\n'));
    assert.equal(code, 1);
    const top = await runCli(['validate', 'configs/*.json'], { cwd: dir });
    assert.match(top.stdout, /^configs\/c-warnings\.json:7:35/);
    assert.match(top.stdout, /2 files checked: 2 valid, 0 invalid \(0 errors, 3 warnings\)\n$/);
  });

  test('node_modules and dot-folders are skipped in directories', async (t) => {
    const dir = project(t);
    for (const skipped of ['configs/node_modules', 'configs/.git']) {
      mkdirSync(join(dir, skipped));
      writeFileSync(join(dir, skipped, 'x.json'), template);
    }
    const { stdout } = await runCli(['validate', '-q', 'configs'], { cwd: dir });
    assert.doesNotMatch(stdout, /node_modules|\.git/);
  });

  test('stdin is read with -, reported as <stdin>', async () => {
    const { stdout, code } = await runCli(['validate', '-'], { stdin: template });
    assert.match(stdout, /^<stdin>:6:24: error: ecwid\.order\.key still holds a docs placeholder/);
    assert.equal(code, 1);
    const ok = await runCli(['validate', '-'], { stdin: valid });
    assert.equal(ok.stdout, '1 file checked: 1 valid, 0 invalid (0 errors, 0 warnings)\n');
    assert.equal(ok.code, 0);
  });

  test('no path: ./instance.json is checked', async (t) => {
    const dir = project(t);
    copyFileSync(join(dir, 'configs/a-valid.json'), join(dir, 'instance.json'));
    const { stdout, code } = await runCli(['validate'], { cwd: dir });
    assert.equal(stdout, '1 file checked: 1 valid, 0 invalid (0 errors, 0 warnings)\n');
    assert.equal(code, 0);
  });

  test('no path and no ./instance.json: exit 2, nothing to check, with a hint', async (t) => {
    const dir = tempDir(t);
    const { stdout, stderr, code } = await runCli(['validate'], { cwd: dir });
    assert.equal(stdout, '');
    assert.equal(stderr, 'error: nothing to check: no path given and no ./instance.json here\nName files, folders or quoted globs, e.g. ecwid-instance validate configs/ (or - for stdin).\n');
    assert.equal(code, 2);
  });

  test('a directory or glob that matches nothing: exit 2', async (t) => {
    const dir = tempDir(t);
    mkdirSync(join(dir, 'empty'));
    const empty = await runCli(['validate', 'empty'], { cwd: dir });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /^error: no \*\.json files in empty\n/);
    const glob = await runCli(['validate', 'nowhere/*.json'], { cwd: dir });
    assert.equal(glob.code, 2);
    assert.match(glob.stderr, /^error: no files match nowhere\/\*\.json\n/);
  });

  test('a folder or glob that matches nothing among other paths: the others are still checked, then exit 2', async (t) => {
    const dir = project(t);
    mkdirSync(join(dir, 'empty'));
    const { stdout, stderr, code } = await runCli(['validate', 'empty', 'configs/a-valid.json', 'nowhere/*.json'], { cwd: dir });
    assert.equal(stdout, '1 file checked: 1 valid, 0 invalid (0 errors, 0 warnings)\n');
    assert.equal(stderr, 'error: no *.json files in empty\nno files match nowhere/*.json\nCheck the folder or the pattern (quote a glob so that the shell passes it on unexpanded).\n');
    assert.equal(code, 2);
    const withUnreadable = await runCli(['validate', 'empty', 'missing.json'], { cwd: dir });
    assert.equal(withUnreadable.code, 3);
  });

  test('stdin named twice, or an empty path: exit 2 before anything is read', async () => {
    const twice = await runCli(['validate', '-', '-'], { stdin: '{}' });
    assert.deepEqual(twice, { code: 2, stdout: '', stderr: 'error: - (stdin) is named more than once\nStandard input can be read only once.\n' });
    const empty = await runCli(['validate', '']);
    assert.deepEqual(empty, { code: 2, stdout: '', stderr: 'error: an empty path was given\nName files, folders or quoted globs (or - for stdin).\n' });
  });

  test('a path that cannot be read: exit 3, and the other files are still checked', async (t) => {
    const dir = project(t);
    const { stdout, code } = await runCli(['validate', 'missing.json', 'configs/eu/b-template.json'], { cwd: dir });
    assert.equal(stdout.split('\n')[0], 'missing.json: error: cannot read missing.json: no such file or directory [io]');
    assert.equal(stdout.split('\n').length, 1 + TEMPLATE_LINES.length + 2);
    assert.match(stdout, /2 files checked: 0 valid, 2 invalid \(7 errors, 0 warnings\)\n$/);
    assert.equal(code, 3);
  });

  test('an unreadable file (permissions): exit 3', { skip: process.getuid?.() === 0 ? 'root reads every file' : false }, async (t) => {
    const dir = project(t);
    chmodSync(join(dir, 'configs/a-valid.json'), 0o000);
    const { code, stdout } = await runCli(['validate', 'configs/a-valid.json'], { cwd: dir });
    assert.match(stdout, /permission denied \[io\]/);
    assert.equal(code, 3);
  });

  test('an unknown format is a usage error: exit 2', async () => {
    const { code, stderr } = await runCli(['validate', '--format', 'xml', 'x.json']);
    assert.equal(code, 2);
    assert.match(stderr, /argument 'xml' is invalid\. Allowed choices are text, json, github, junit\./);
  });
});

describe('validate: machine-readable formats', () => {
  test('json: one object with valid, summary and files', async (t) => {
    const dir = project(t);
    const { stdout, code } = await runCli(['validate', '--format', 'json', 'configs/a-valid.json', 'configs/c-warnings.json', 'missing.json'], { cwd: dir });
    const report = JSON.parse(stdout);
    assert.deepEqual(Object.keys(report), ['valid', 'summary', 'files']);
    assert.equal(report.valid, false);
    assert.deepEqual(report.summary, { files: 3, valid: 2, invalid: 1, errors: 1, warnings: 3 });
    assert.deepEqual(report.files[0], { file: 'configs/a-valid.json', valid: true, problems: [] });
    assert.deepEqual(report.files[1].problems[0], {
      file: 'configs/c-warnings.json',
      line: 7,
      column: 35,
      pointer: '/configuration/event.notification.enabled',
      severity: 'warning',
      rule: 'boolean-string',
      message: 'event.notification.enabled is the JSON boolean true; Cloud Elements stores configuration values as strings: write "true"',
    });
    assert.deepEqual(report.files[2], {
      file: 'missing.json',
      valid: false,
      problems: [{ file: 'missing.json', pointer: '', severity: 'error', rule: 'io', message: 'cannot read missing.json: no such file or directory' }],
    });
    assert.equal(code, 3);
  });

  test('json: file names that need escaping come out as JSON.stringify writes them', () => {
    const reporter = jsonReporter();
    const names = ['plain.json', 'quote".json', 'back\\slash.json', 'tab\t.json', 'emoji-😀.json', 'lone-\ud800.json'];
    for (const file of names) reporter.file({ file, valid: true, problems: [] });
    const text = reporter.end({ files: names.length, valid: names.length, invalid: 0, errors: 0, warnings: 0 });
    const files = names.map((file) => JSON.stringify({ file, valid: true, problems: [] })).join(',');
    assert.equal(text, `{"valid":true,"summary":{"files":6,"valid":6,"invalid":0,"errors":0,"warnings":0},"files":[${files}]}\n`);
  });

  test('github: one workflow command per problem', async (t) => {
    const dir = project(t);
    const { stdout, code } = await runCli(['validate', '-f', 'github', 'configs'], { cwd: dir });
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, WARNING_LINES.length + TEMPLATE_LINES.length);
    assert.equal(lines[0], '::warning file=configs/c-warnings.json,line=7,col=35,title=boolean-string::event.notification.enabled is the JSON boolean true; Cloud Elements stores configuration values as strings: write "true"');
    assert.equal(lines[3], '::error file=configs/eu/b-template.json,line=6,col=24,title=placeholder::ecwid.order.key still holds a docs placeholder: replace it with the real value');
    for (const line of lines) assert.match(line, /^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::\S/);
    assert.equal(code, 1);
  });

  test('github: commas, colons and newlines in file names are escaped', async (t) => {
    const dir = tempDir(t);
    writeFileSync(join(dir, 'a,b:c.json'), template);
    const { stdout } = await runCli(['validate', '-f', 'github', 'a,b:c.json'], { cwd: dir });
    assert.match(stdout.split('\n')[0], /^::error file=a%2Cb%3Ac\.json,line=6,col=24,title=placeholder::/);
  });

  test('junit: one testcase per file, a failure per invalid file, well-formed XML', async (t) => {
    const dir = project(t);
    const { stdout, code } = await runCli(['validate', '-f', 'junit', 'configs'], { cwd: dir });
    assert.match(stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/);
    const suites = parseXml(stdout);
    assert.equal(suites.name, 'testsuites');
    assert.deepEqual(suites.attributes, { name: 'ecwid-instance validate', tests: '3', failures: '1', errors: '0' });
    const suite = suites.children[0];
    assert.equal(suite.children.length, 3);
    const [validCase, warned, failed] = suite.children;
    assert.deepEqual(validCase, { name: 'testcase', attributes: { classname: 'ecwid-instance', name: 'configs/a-valid.json' }, children: [], text: '' });
    assert.equal(warned.children[0].name, 'system-out');
    assert.equal(failed.attributes.name, 'configs/eu/b-template.json');
    assert.equal(failed.children[0].name, 'failure');
    assert.equal(failed.children[0].attributes.message, '6 errors');
    assert.equal(failed.children[0].text, TEMPLATE_LINES.join('\n'));
    assert.deepEqual(await junitSchemaErrors(stdout), []);
    assert.equal(code, 1);
  });
});
