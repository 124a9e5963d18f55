// The plain check (generated from the schema) lets most files skip the full checks. It may say
// "not sure" as often as it likes, but when it says a file is plainly valid the full checks must
// find nothing in it: that is what these tests hold it to, on fixtures and on generated instances.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { generatePlainCheck } from '../scripts/plain-check.js';
import { checkData } from '../dist/validation/checking/check-instance.js';
import { MOST_KEYS, plainCheck } from '../dist/validation/checking/generated/plain-check.js';
import { scanJson } from '../dist/validation/checking/json-scan.js';
import { isPlainlyValid } from '../dist/validation/checking/plain-check.js';
import { fixtures } from './helpers/paths.js';

const SETTINGS = { numRuns: 3000, interruptAfterTimeLimit: 3000, seed: 20261127 };

/** What the full checks find in a parsed text: duplicate keys, the schema and every rule. */
function fullFindings(text) {
  return [...scanJson(text).duplicates, ...checkData(JSON.parse(text), text)];
}

function countProperties(value) {
  if (typeof value !== 'object' || value === null) return 0;
  return Object.values(value).reduce((sum, item) => sum + countProperties(item), Array.isArray(value) ? 0 : Object.keys(value).length);
}

// Values chosen to sit on both sides of every constraint of the schema and of the rules.
const VALUES = [
  '4870020', '', ' ', 'a b', 'x'.repeat(128), 'x'.repeat(129), '😀'.repeat(64), 'secret_abc', '<INSERT_STORE_ID>', '\u003cX\u003e',
  'true', 'false', true, false, 'webhook', 'webhooks', 'polling', 'custom', 'oauth2', 'ecwid', '15', '15m',
  'https://example.com/events', 'http://example.com/events', 'http://localhost:3000/e', 'HTTPS://EXAMPLE.COM/', 'https://exa mple.com',
  'https://[::1]:8/x', 'mailto:a@b.c', 'https://example.com/a?b=c#d', 0, 1.5, null, [], ['a'], ['a', 'a'], ['a', ' '], {}, { key: 'ecwid' }, { key: 'other' },
  '<{{page.apiProvider}} app {{page.apiKey}}>', 'read_store_profile read_orders', 'a  b', 'http://app.localhost/cb', { code: 'grant' }, { code: '' },
  Array.from({ length: 20 }, (_, i) => `t${i}`), [...Array.from({ length: 20 }, (_, i) => `t${i}`), 't3'],
];
const CONFIGURATION_KEYS = [
  'ecwid.store.id', 'ecwid.order.key', 'ecwid.product.key', 'event.notification.enabled', 'event.notification.callback.url',
  'event.notification.signature.key', 'event.notification.basic.username', 'event.notification.basic.password', 'event.notification.type',
  'event.vendor.type', 'event.poller.refresh_interval', 'event.poller.configuration', 'filter.response.nulls', 'authentication.type',
  'oauth.api.key', 'oauth.api.secret', 'oauth.callback.url', 'oauth.scope', 'event.notifcation.enabled', 'constructor', '__proto__',
];
const TOP_KEYS = ['$schema', 'element', 'tags', 'name', 'providerData', 'externalAuthentication', 'retrieveObjectsAfterInstantiation', 'nmae'];

const value = fc.constantFrom(...VALUES);
/** Mostly nothing, so that a good share of the instances stay valid; else anything. */
const sometimes = (arbitrary, empty) => fc.oneof({ weight: 2, arbitrary: fc.constant(empty) }, { weight: 1, arbitrary });
const configuration = sometimes(fc.dictionary(fc.constantFrom(...CONFIGURATION_KEYS), value, { maxKeys: 6 }), {});
const base = { 'ecwid.store.id': '4870020', 'ecwid.order.key': 'secret_abc', 'ecwid.product.key': 'public_abc' };
const oauthBase = { 'oauth.api.key': 'my-app', 'oauth.api.secret': 'secret_abc', 'oauth.callback.url': 'http://localhost:8787/callback' };
/** Instances near a valid one of either type: the required keys usually there, anything else mixed in. */
const instance = fc.record({
  element: sometimes(value, { key: 'ecwid' }),
  configuration: fc.oneof(
    { weight: 3, arbitrary: configuration.map((extra) => ({ ...base, ...extra })) },
    { weight: 2, arbitrary: fc.tuple(configuration, fc.constantFrom(undefined, 'oauth2', 'custom')).map(([extra, type]) => ({ ...oauthBase, ...(type ? { 'authentication.type': type } : {}), ...extra })) },
    configuration,
    value,
  ),
  name: sometimes(value, 'shop'),
  more: sometimes(fc.dictionary(fc.constantFrom(...TOP_KEYS), value, { maxKeys: 3 }), {}),
  drop: sometimes(fc.subarray(['element', 'configuration', 'name', 'ecwid.store.id']), []),
}).map(({ element, configuration, name, more, drop }) => {
  const data = { element, configuration, name, ...more };
  for (const key of drop) {
    delete data[key];
    if (typeof data.configuration === 'object' && data.configuration !== null) delete data.configuration[key];
  }
  return data;
});
/** The text, pretty or not, sometimes with a key written twice. */
const text = fc.tuple(instance, fc.constantFrom(0, 2), fc.boolean()).map(([data, indent, duplicate]) => {
  const json = JSON.stringify(data, null, indent);
  return duplicate ? json.replace(/^\{(?=\s*")/, '{"name": "first",') : json;
});

describe('the plain check', () => {
  test('says "plainly valid" only when the full checks find nothing, and counts every property', () => {
    let plain = 0;
    fc.assert(
      fc.property(text, (json) => {
        const data = JSON.parse(json);
        const properties = plainCheck(data);
        if (properties >= 0) assert.equal(properties, countProperties(data), json);
        // The bound that lets a text of more keys skip the plain check holds for every plain one.
        if (properties >= 0) assert.ok(properties <= MOST_KEYS, `${properties} keys > MOST_KEYS (${MOST_KEYS})`);
        if (isPlainlyValid(json, data)) {
          plain++;
          assert.deepEqual(fullFindings(json), [], json);
        }
      }),
      SETTINGS,
    );
    // Not a check that always says "not sure": a good share of these instances are plain.
    assert.ok(plain > 100, `only ${plain} plainly valid instances`);
  });

  test('every key with every probe value: plainly valid only when the full checks agree', () => {
    const good = { element: { key: 'ecwid' }, configuration: base, name: 'shop' };
    let plain = 0;
    const probe = (data) => {
      const json = JSON.stringify(data, null, 2);
      if (!isPlainlyValid(json, data)) return;
      plain++;
      assert.deepEqual(fullFindings(json), [], json);
    };
    const oauth = { ...good, configuration: { ...oauthBase, 'authentication.type': 'oauth2' } };
    for (const item of VALUES) {
      for (const key of CONFIGURATION_KEYS) probe({ ...good, configuration: { ...base, [key]: item } });
      for (const key of CONFIGURATION_KEYS) probe({ ...oauth, configuration: { ...oauth.configuration, [key]: item } });
      for (const key of ['providerData', 'tags']) probe({ ...oauth, [key]: item });
      for (const key of TOP_KEYS) probe({ ...good, [key]: item });
      for (const key of ['element', 'configuration', 'name']) probe({ ...good, [key]: item });
    }
    assert.ok(plain > 50, `only ${plain} plainly valid instances`);
  });

  test('finds the usual valid fixtures plainly valid, and none with a warning', () => {
    const folder = join(fixtures, 'valid');
    const plain = readdirSync(folder).filter((name) => name.endsWith('.json')).filter((name) => {
      const json = readFileSync(join(folder, name), 'utf8').replace(/^\uFEFF/, '');
      const data = JSON.parse(json);
      return isPlainlyValid(json, data);
    });
    // with-schema-and-signature.json calls back to http://localhost: only the rules can tell that loopback is fine.
    assert.deepEqual(plain.sort(), ['custom-declared.json', 'docs-example-filled.json', 'minimal-no-events.json', 'oauth2-declared-loopback.json', 'oauth2-docs-filled.json', 'utf8-bom.json']);
  });

  test('leaves placeholders, duplicate keys and unknown keys to the full checks', () => {
    const good = { element: { key: 'ecwid' }, configuration: base, name: 'shop' };
    assert.equal(isPlainlyValid(JSON.stringify(good), good), true);
    const cases = [
      { ...good, name: '<INSTANCE_NAME>' },
      { ...good, configuration: { ...base, 'event.notification.enabled': true, 'event.notification.callback.url': 'https://e.example/' } },
      { ...good, configuration: { ...base, 'event.notification.callback.url': 'https://e.example/' } },
      { ...good, configuration: { ...base, 'event.notification.enabled': 'true', 'event.notification.callback.url': 'http://e.example/' } },
      { ...good, nmae: 'shop' },
    ];
    for (const data of cases) assert.equal(isPlainlyValid(JSON.stringify(data), data), false, JSON.stringify(data));
    const twice = '{"name": "a", "element": {"key": "ecwid"}, "configuration": {"ecwid.store.id": "1", "ecwid.order.key": "o", "ecwid.product.key": "p"}, "name": "b"}';
    assert.equal(isPlainlyValid(twice, JSON.parse(twice)), false);
  });
});

describe('generating the plain check', () => {
  test('stops at a keyword it does not know, naming it and where it is', () => {
    const schema = { type: 'object', properties: { a: { type: 'string', multipleOf: 2 } } };
    assert.throws(() => generatePlainCheck(schema), /plain check: \/a: keyword multipleOf; extend scripts\/plain-check\.js/);
  });

  test('answers "not sure" for what it cannot prove quickly: unions and objects of any content', async () => {
    const schema = { type: 'object', properties: { u: { type: ['object', 'string'] }, o: { type: 'object' }, s: { type: 'string' } } };
    const module = await import(`data:text/javascript,${encodeURIComponent(generatePlainCheck(schema).replace(/^import .*$/m, ''))}`);
    assert.equal(module.plainCheck({ s: 'x' }), 1);
    assert.equal(module.plainCheck({ s: 'x', u: 'y' }), -1);
    assert.equal(module.plainCheck({ o: {} }), -1);
    assert.equal(module.plainCheck({ s: 1 }), -1);
  });
});
