// Every file in fixtures/valid must have no problem; every file in fixtures/invalid must have exactly
// the problems its `.expected` file lists (line:column severity rule). A new case is a new pair of files.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkFile, checkListedFile } from '../dist/validation/check-file.js';
import { checkBytes } from '../dist/validation/checking/check-instance.js';
import { fixtures } from './helpers/paths.js';

const cases = (folder) => readdirSync(join(fixtures, folder)).filter((name) => name.endsWith('.json')).sort();

describe('fixtures/valid', () => {
  for (const name of cases('valid')) {
    test(name, () => {
      const result = checkBytes(name, readFileSync(join(fixtures, 'valid', name)), false);
      assert.deepEqual(result.problems, []);
      assert.equal(result.valid, true);
    });
  }
});

describe('fixtures/invalid', () => {
  for (const name of cases('invalid')) {
    test(name, () => {
      const expected = readFileSync(join(fixtures, 'invalid', name.replace(/\.json$/, '.expected')), 'utf8').trim().split('\n');
      const result = checkBytes(name, readFileSync(join(fixtures, 'invalid', name)), false);
      const found = result.problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.rule}`);
      assert.deepEqual(found, expected);
      assert.equal(result.valid, !expected.some((line) => line.includes(' error ')));
    });
  }
});

describe('files found by listing a folder', () => {
  // They take a faster way (one read into a shared buffer, no result made for a plainly valid file),
  // which must come to the same answers.
  for (const folder of ['valid', 'invalid']) {
    for (const name of cases(folder)) {
      test(`${folder}/${name}`, () => {
        const path = join(fixtures, folder, name);
        const expected = checkBytes(name, readFileSync(path), false);
        assert.deepEqual(checkListedFile(name, path, false) ?? { file: name, valid: true, problems: [] }, expected);
      });
    }
  }

  test('a file that is no longer regular (a device put in its place) is reported as what it is', { skip: !existsSync('/dev/null') }, () => {
    // It opens, and reads as empty, like a text cut short: the careful way must say what it is.
    const result = checkListedFile('gone.json', '/dev/null', false);
    assert.deepEqual(result, checkFile('gone.json', '/dev/null', false));
    assert.deepEqual(result.problems.map((p) => `${p.rule}: ${p.message}`), ['io: cannot read gone.json: not a regular file']);
  });
});
