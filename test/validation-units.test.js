import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkText } from '../dist/validation/checking/check-instance.js';
import { compileGlob } from '../dist/validation/reading/glob.js';
import { lineLocator, locatePointers, scanJson } from '../dist/validation/checking/json-scan.js';
import { placeKeyRuns } from '../dist/validation/checking/key-runs.js';
import { closest } from '../dist/validation/checking/suggest.js';
import { remembered } from '../dist/util/remembered.js';
import { FORMATS, reporters } from '../dist/validation/reporting/index.js';

const instance = (configuration, extra = {}) =>
  JSON.stringify({ element: { key: 'ecwid' }, configuration: { 'ecwid.order.key': 'orderSecret1', 'ecwid.product.key': 'productSecret1', 'ecwid.store.id': '4870020', ...configuration }, name: 'n', ...extra }, null, 2);

const oauthInstance = (configuration, extra = {}) =>
  JSON.stringify({ element: { key: 'ecwid' }, configuration: { 'oauth.api.key': 'my-app', 'oauth.api.secret': 'clientSecret1', 'oauth.callback.url': 'https://example.com/cb', ...configuration }, name: 'n', ...extra }, null, 2);

const messages = (text) => checkText('f.json', text, false).problems.map((p) => `${p.rule}: ${p.message}`);

describe('schema messages: one clear message per problem', () => {
  const table = [
    [{ 'ecwid.store.id': 4870020 }, 'schema: ecwid.store.id must be a string of at most 128 digits, such as "4870020"'],
    [{ 'ecwid.store.id': 'abc' }, 'schema: ecwid.store.id must be a string of at most 128 digits, such as "4870020"'],
    [{ 'ecwid.store.id': '1'.repeat(129) }, 'schema: ecwid.store.id must be a string of at most 128 digits, such as "4870020"'],
    [{ 'event.notification.enabled': 'yes' }, 'schema: event.notification.enabled must be "true" or "false"'],
    [{ 'event.notification.enabled': 'true' }, 'schema: missing event.notification.callback.url: events are enabled, so Cloud Elements needs a callback URL to send them to'],
    [{ 'event.notification.enabled': 'true', 'event.notification.callback.url': 'ftp://x.example' }, 'schema: event.notification.callback.url must be an absolute http(s) URL, such as "https://example.com/ecwid/events"'],
    [{ 'event.vendor.type': 'push' }, 'schema: event.vendor.type must be "webhook" or "polling"'],
  ];
  for (const [configuration, expected] of table) {
    test(JSON.stringify(configuration), () => assert.deepEqual(messages(instance(configuration)), [expected]));
  }

  test('a missing key names the key and what it is', () => {
    assert.deepEqual(messages(JSON.stringify({ element: { key: 'ecwid' }, configuration: {}, name: 'n' })), [
      'schema: missing required key ecwid.store.id (Store ID)',
      'schema: missing required key ecwid.order.key (Order API secret)',
      'schema: missing required key ecwid.product.key (Product API secret)',
    ]);
  });

  test('tags: distinct non-empty strings', () => {
    assert.deepEqual(messages(instance({}, { tags: ['a', '', 'a', 3] })).sort(), [
      'schema: tags[1] must be a non-empty string',
      'schema: tags[2] repeats tags[0]; tags must be distinct',
      'schema: tags[3] must be a non-empty string',
    ]);
  });

  test('no message quotes a secret value', () => {
    const secrets = ['has whitespace inside', 'x'.repeat(129), 'tab\tsecret'];
    for (const secret of secrets) {
      for (const key of ['ecwid.order.key', 'ecwid.product.key', 'event.notification.signature.key', 'event.notification.basic.password', 'oauth.api.secret']) {
        const found = messages(key.startsWith('oauth.') ? oauthInstance({ [key]: secret }) : instance({ [key]: secret }));
        assert.equal(found.length, 1, `${key}: ${found}`);
        assert.ok(!found[0].includes(secret), found[0]);
        assert.match(found[0], new RegExp(`^schema: ${key.replace(/\./g, '\\.')} must be a non-empty string of at most 128 characters without whitespace$`));
      }
    }
  });
});

describe('rules', () => {
  test('unknown keys get "did you mean" when close to a known key', () => {
    assert.deepEqual(messages(instance({ 'event.notification.callbackurl': 'https://a.example' }, { Name: 'x', totallyDifferent: 1 })), [
      'unknown-key: unknown configuration key "event.notification.callbackurl": did you mean "event.notification.callback.url"?',
      'unknown-key: unknown top-level key "Name": did you mean "name"?',
      'unknown-key: unknown top-level key "totallyDifferent"',
    ]);
  });

  test('a placeholder is reported once, not again by the schema', () => {
    assert.deepEqual(messages(instance({ 'ecwid.store.id': '<INSERT_STORE_ID>' })), [
      'placeholder: ecwid.store.id still holds the docs placeholder <INSERT_STORE_ID>: replace it with the real value',
    ]);
  });

  test('callback URL on loopback over http is fine; elsewhere it is a warning', () => {
    for (const url of ['http://localhost:3000/e', 'http://127.0.0.1/e', 'http://[::1]:8/e']) {
      assert.deepEqual(messages(instance({ 'event.notification.enabled': 'true', 'event.notification.callback.url': url })), [], url);
    }
    assert.deepEqual(messages(instance({ 'event.notification.enabled': 'true', 'event.notification.callback.url': 'http://example.com/e' })).map((m) => m.split(':')[0]), ['insecure-url']);
  });

  test('$schema at the top level is known', () => {
    assert.deepEqual(messages(instance({}, { $schema: './schema.json' })), []);
  });
});

describe('duplicate-key scan and locations', () => {
  test('finds duplicates at any depth, with the pointer of the second occurrence', () => {
    const text = '{"a":1,"b":{"c":[{"d":1,"d":2}],"c":3},"a":{"x\\/y":1}}';
    const { duplicates } = scanJson(text);
    assert.deepEqual(duplicates, [
      { pointer: '/b/c/0/d', offset: text.indexOf('"d":2') },
      { pointer: '/b/c', offset: text.indexOf('"c":3') },
      { pointer: '/a', offset: text.lastIndexOf('"a"') },
    ]);
  });

  test('a key written three times: both problems at its first repetition', () => {
    const problems = checkText('f.json', '{"a":1,"a":2,"a":3}', false).problems.filter((p) => p.rule === 'duplicate-key');
    assert.deepEqual(problems.map((p) => `${p.line}:${p.column}`), ['1:8', '1:8']);
  });

  test('keys that differ only by escapes are the same key', () => {
    assert.equal(scanJson('{"a":1,"\\u0061":2}').duplicates.length, 1);
    assert.equal(scanJson('{"a\\"":1,"a":2}').duplicates.length, 0);
  });

  test('records where each key and value starts', () => {
    const text = '{\n  "a": [1, "two", {"b": null}],\n  "c~/": true\n}';
    const { keys, values } = scanJson(text, new Set(['/a/1', '/a/2/b', '/c~0~1']));
    assert.equal(values.get('/a/1'), text.indexOf('"two"'));
    assert.equal(values.get('/a/2/b'), text.indexOf('null'));
    assert.equal(keys.get('/c~0~1'), text.indexOf('"c~/"'));
    assert.deepEqual(lineLocator(text)(text.indexOf('true')), { line: 3, column: 10 });
  });

  test('the quick way to a key finds the same place as the scan, or leaves it to the scan', () => {
    const pointers = (value, base = '') => {
      if (typeof value !== 'object' || value === null) return [];
      return Object.entries(value).flatMap(([key, item]) => {
        const pointer = `${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        return [pointer, ...pointers(item, pointer)];
      });
    };
    let quick = 0;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1 }), fc.constantFrom(0, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const wanted = new Set(['', ...pointers(value)]);
        const scanned = scanJson(text, wanted, true);
        const located = locatePointers(text, wanted, true);
        for (const pointer of wanted) {
          assert.equal(located.values.get(pointer), scanned.values.get(pointer), `${pointer} in ${text}`);
          assert.equal(located.keys.get(pointer) ?? 0, scanned.keys.get(pointer) ?? 0, `${pointer} in ${text}`);
        }
        if (wanted.size > 1 && located.keys.size === wanted.size) quick++;
      }),
      { numRuns: 2000, seed: 20261127 },
    );
    assert.ok(quick > 100, `the quick way answered only ${quick} times`);
  });

  test('runs of findings about the keys of one object are placed as the scan places them', () => {
    const escape = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');
    const plainKey = fc.stringMatching(/^[a-z][a-z.]{0,5}$/);
    // Quotes, backslashes, "~", "/", index-like keys ("7") and non-ASCII, which runs must leave alone.
    const anyKey = fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('7', '0', '12', '~a', 'a/b', 'a"b', 'é'));
    let placedAll = 0;
    fc.assert(
      fc.property(fc.oneof(fc.uniqueArray(plainKey, { minLength: 16, maxLength: 40 }), fc.uniqueArray(fc.oneof(plainKey, anyKey), { minLength: 16, maxLength: 40 })), fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1 }), fc.constantFrom(0, 2), (keys, values, indent) => {
        const object = Object.fromEntries(keys.map((key, i) => [key, values[i % values.length]]));
        const text = JSON.stringify({ before: object, configuration: object, after: [object] }, null, indent);
        const findings = Object.keys(object).map((key) => {
          const at = `/configuration/${escape(key)}`;
          return { pointer: at, at, target: 'key', severity: 'warning', rule: 'unknown-key', message: '' };
        });
        const offsets = new Array(findings.length);
        placeKeyRuns(text, findings, offsets);
        const scanned = scanJson(text, new Set(findings.map((finding) => finding.at)), true);
        findings.forEach((finding, i) => {
          if (offsets[i] !== undefined) assert.equal(offsets[i], scanned.keys.get(finding.at), `${finding.at} in ${text}`);
        });
        if (!text.includes('\\') && offsets.every((offset) => offset !== undefined)) placedAll++;
        // Every key written plainly is placed in the one walk, whatever other keys stand among them.
        if (!text.includes('\\')) {
          const plain = (key) => !/[~/]/.test(key) && !/^(?:0|[1-9][0-9]{0,9})$/.test(key);
          Object.keys(object).forEach((key, i) => assert.ok(!plain(key) || offsets[i] !== undefined, `${key} not placed in ${text}`));
        }
      }),
      { numRuns: 500, seed: 20261130 },
    );
    assert.ok(placedAll > 50, `runs placed every key only ${placedAll} times`);
  });

  test('a file of thousands of unknown keys is reported in full, each where it stands', () => {
    const configuration = { 'ecwid.order.key': 'orderSecret1', 'ecwid.product.key': 'productSecret1', 'ecwid.store.id': '4870020' };
    for (let i = 0; i < 3000; i++) configuration[i % 500 === 0 ? String(i) : `x.${i}`] = i % 3 === 0 ? { nested: [i, '}'] } : String(i);
    const text = JSON.stringify({ element: { key: 'ecwid' }, configuration, name: 'n' }, null, 2);
    const problems = checkText('f.json', text, false).problems;
    assert.equal(problems.length, 3000);
    const locate = lineLocator(text);
    for (const problem of problems) {
      const key = problem.pointer.slice('/configuration/'.length);
      assert.deepEqual({ line: problem.line, column: problem.column }, locate(text.indexOf(`\n    "${key}": `) + 5), problem.pointer);
    }
    assert.deepEqual(problems.map((problem) => problem.line), problems.map((problem) => problem.line).sort((a, b) => a - b));
  });

  test('syntax errors point where the parser stopped and quote no content', () => {
    const result = checkText('f.json', '{\n  "ecwid.order.key": supersecretvalue\n}', false);
    assert.deepEqual(result.problems.map((p) => [p.line, p.column, p.rule, p.message]), [[2, 22, 'syntax', 'invalid JSON: unexpected character "s"']]);
  });
});

describe('remembered answers', () => {
  test('asks once per short key, and every time for a key too long to keep', () => {
    const asked = [];
    const double = remembered((key) => {
      asked.push(key.length);
      return key + key;
    });
    const long = 'k'.repeat(1_000_000);
    assert.equal(double('ab'), 'abab');
    assert.equal(double('ab'), 'abab');
    assert.equal(double(long).length, 2_000_000);
    assert.equal(double(long).length, 2_000_000);
    assert.deepEqual(asked, [2, 1_000_000, 1_000_000]);
  });
});

describe('globs', () => {
  const table = [
    ['configs/*.json', 'configs', ['a.json'], ['a/b.json', 'a.txt']],
    ['configs/**/*.json', 'configs', ['a.json', 'x/y/a.json'], ['a.txt']],
    ['**/*.json', '.', ['a.json', 'x/a.json'], ['a.jsonl']],
    ['c/{eu,us}/?.json', 'c', ['eu/a.json', 'us/b.json'], ['fr/a.json', 'eu/ab.json']],
    ['c/[ab]*.json', 'c', ['a1.json', 'b.json'], ['c.json']],
  ];
  for (const [pattern, base, yes, no] of table) {
    test(pattern, () => {
      const glob = compileGlob(pattern);
      assert.equal(glob.base, base);
      for (const path of yes) assert.ok(glob.matches(path), `${pattern} should match ${path}`);
      for (const path of no) assert.ok(!glob.matches(path), `${pattern} should not match ${path}`);
    });
  }
});

test('closest: typos, not strangers', () => {
  assert.equal(closest('ecwid.stor.id', ['ecwid.store.id', 'name']), 'ecwid.store.id');
  assert.equal(closest('ecwid.store.di', ['ecwid.store.id']), 'ecwid.store.id');
  assert.equal(closest('colour', ['name', 'tags']), undefined);
});

describe('reporters', () => {
  // validate does not call a reporter for a file without problems when it says it lists none.
  const clean = { file: 'a.json', valid: true, problems: [] };
  const summary = { files: 1, valid: 1, invalid: 0, errors: 0, warnings: 0 };
  for (const format of FORMATS) {
    test(`${format}: a clean file is listed, or nothing is said of it`, () => {
      const reporter = reporters[format]({ quiet: false, color: false });
      assert.equal(reporter.listsCleanFiles, format === 'json' || format === 'junit');
      const said = reporter.file(clean) + reporter.end(summary);
      if (reporter.listsCleanFiles) assert.match(said, /a\.json/);
      else assert.doesNotMatch(said, /a\.json/);
    });
  }

  test('text and github: a file of 2,500 problems is every line, in order, once', () => {
    const problems = Array.from({ length: 2500 }, (_, i) => ({ file: 'big.json', line: i + 1, column: 3, pointer: `/k${i}`, severity: 'warning', rule: 'unknown-key', message: `unknown key "k${i}"` }));
    const result = { file: 'big.json', valid: true, problems };
    const text = reporters.text({ quiet: false, color: false }).file(result);
    assert.equal(text, problems.map((p) => `big.json:${p.line}:3: warning: ${p.message} [unknown-key]\n`).join(''));
    const github = reporters.github({ quiet: false, color: false }).file(result).split('\n');
    assert.equal(github.length, 2501);
    assert.equal(github[2499], '::warning file=big.json,line=2500,col=3,title=unknown-key::unknown key "k2499"');
  });
});
