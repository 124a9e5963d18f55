// Property-based fuzzing of the checker: whatever the bytes, it returns a result (never throws),
// places every problem inside the file, quotes no secret and pollutes no prototype. Bounded in time.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkBytes, checkText } from '../dist/validation/checking/check-instance.js';

const RULES = new Set(['syntax', 'duplicate-key', 'placeholder', 'schema', 'boolean-string', 'insecure-url', 'unused-callback', 'unknown-key']);
const SETTINGS = { numRuns: 400, interruptAfterTimeLimit: 1500, seed: 20261127 };

function assertWellFormed(result, text) {
  assert.equal(typeof result.valid, 'boolean');
  const lines = text === undefined ? Infinity : text.split('\n').length;
  for (const problem of result.problems) {
    assert.ok(RULES.has(problem.rule), problem.rule);
    assert.ok(problem.severity === 'error' || problem.severity === 'warning');
    assert.ok(Number.isInteger(problem.line) && problem.line >= 1 && problem.line <= lines, `line ${problem.line} of ${lines}`);
    assert.ok(Number.isInteger(problem.column) && problem.column >= 1);
    assert.equal(typeof problem.message, 'string');
    assert.ok(!/\n/.test(problem.message));
  }
  assert.equal(result.valid, !result.problems.some((p) => p.severity === 'error'));
}

const GOOD = `{
  "element": { "key": "ecwid" },
  "configuration": {
    "ecwid.order.key": "orderSecret1",
    "ecwid.product.key": "productSecret1",
    "ecwid.store.id": "4870020",
    "event.notification.enabled": "true",
    "event.notification.callback.url": "https://example.com/e"
  },
  "tags": ["a"],
  "name": "n"
}`;

describe('fuzzing the checker', () => {
  test('random bytes: a result, never an exception', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => assertWellFormed(checkBytes('f.json', Buffer.from(bytes), false))), SETTINGS);
  });

  test('any JSON value, any indentation: problems are placed inside the file', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        assertWellFormed(checkText('f.json', text, false), text);
      }),
      SETTINGS,
    );
  });

  test('a valid file with one character deleted, inserted or replaced', () => {
    const chars = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', ' ', 'x', '1', '\n', '\u0000');
    fc.assert(
      fc.property(fc.nat(GOOD.length - 1), fc.constantFrom('delete', 'insert', 'replace'), chars, (at, edit, char) => {
        const text = edit === 'delete' ? GOOD.slice(0, at) + GOOD.slice(at + 1) : GOOD.slice(0, at) + char + GOOD.slice(edit === 'insert' ? at : at + 1);
        const result = checkText('f.json', text, false);
        assertWellFormed(result, text);
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        if (!parses) assert.deepEqual(result.problems.map((p) => p.rule), ['syntax']);
      }),
      SETTINGS,
    );
  });

  test('random configuration keys and values: no secret is ever quoted', () => {
    const secret = fc.string({ minLength: 1, maxLength: 200 }).map((s) => `SECRET${s}`);
    const other = fc.dictionary(fc.string({ maxLength: 40 }), fc.oneof(fc.string({ maxLength: 40 }), fc.boolean(), fc.integer()), { maxKeys: 4 });
    fc.assert(
      fc.property(secret, secret, secret, other, (order, product, signature, extra) => {
        const configuration = { ...extra, 'ecwid.order.key': order, 'ecwid.product.key': product, 'event.notification.signature.key': signature, 'ecwid.store.id': '1' };
        const text = JSON.stringify({ element: { key: 'ecwid' }, configuration, name: 'n' }, null, 2);
        const result = checkText('f.json', text, false);
        assertWellFormed(result, text);
        for (const problem of result.problems) {
          for (const value of [order, product, signature]) assert.ok(!problem.message.includes(value), problem.message);
        }
      }),
      SETTINGS,
    );
  });

  test('prototype-shaped keys pollute nothing', () => {
    const key = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty');
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 4 }), fc.oneof(fc.constant({ polluted: 1 }), fc.jsonValue({ maxDepth: 2 })), (path, leaf) => {
        let text = JSON.stringify(leaf);
        for (const segment of path) text = `{"${segment}": ${text}}`;
        checkText('f.json', `{"configuration": ${text}, ${text.slice(1)}`, false);
        assert.equal({}.polluted, undefined);
        assert.equal(typeof {}.toString, 'function');
      }),
      SETTINGS,
    );
  });
});
