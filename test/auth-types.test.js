// validate knows both ways Ecwid authenticates: the legacy keys (custom) and an Ecwid app (oauth2).
// The type is authentication.type when it names one, else the keys decide (decideAuthType), and the
// schema's if/then require the keys of that type only.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkText } from '../dist/validation/checking/check-instance.js';
import { decideAuthType } from '../dist/instance/auth-type.js';
import { instanceSecrets } from '../dist/instance/configuration-secrets.js';
import { maskInstanceBody } from '../dist/cloud-elements/request.js';

const LEGACY = { 'ecwid.store.id': '4870020', 'ecwid.order.key': 'secret_4xY7pQ2wN9', 'ecwid.product.key': 'public_8kL3mZ6vB1' };
const OAUTH = { 'oauth.api.key': 'custom-app-1', 'oauth.api.secret': 'Kp3vQ9sT2wXy8ZbN', 'oauth.callback.url': 'https://example.com/cb' };
const file = (configuration, extra = {}) => JSON.stringify({ element: { key: 'ecwid' }, configuration, name: 'n', ...extra }, null, 2);
const messages = (text) => checkText('f.json', text, false).problems.map((p) => `${p.severity} ${p.rule}: ${p.message}`);

describe('required keys follow the authentication type', () => {
  const cases = [
    ['legacy keys', file(LEGACY), []],
    ['OAuth2 keys', file(OAUTH), []],
    ['OAuth2 keys and the grant code', file(OAUTH, { providerData: { code: 'abc123' } }), []],
    ['declared oauth2', file({ 'authentication.type': 'oauth2', ...OAUTH }), []],
    ['declared custom', file({ 'authentication.type': 'custom', ...LEGACY }), []],
    [
      'neither kind: legacy, with the legacy messages',
      file({}),
      [
        'error schema: missing required key ecwid.store.id (Store ID)',
        'error schema: missing required key ecwid.order.key (Order API secret)',
        'error schema: missing required key ecwid.product.key (Product API secret)',
      ],
    ],
    [
      'an OAuth2 key alone: never a word about the store ID or the legacy keys',
      file({ 'oauth.api.key': 'custom-app-1' }),
      ['error schema: missing required key oauth.api.secret (OAuth client secret)', 'error schema: missing required key oauth.callback.url (OAuth redirect URL)'],
    ],
    [
      'providerData alone makes it OAuth2',
      file({}, { providerData: { code: 'abc123' } }),
      [
        'error schema: missing required key oauth.api.key (OAuth client ID)',
        'error schema: missing required key oauth.api.secret (OAuth client secret)',
        'error schema: missing required key oauth.callback.url (OAuth redirect URL)',
      ],
    ],
    [
      'declared oauth2 with only legacy keys: the OAuth2 keys are missing, the legacy ones ignored',
      file({ 'authentication.type': 'oauth2', 'ecwid.store.id': '4870020' }),
      [
        'error schema: missing required key oauth.api.key (OAuth client ID)',
        'error schema: missing required key oauth.api.secret (OAuth client secret)',
        'error schema: missing required key oauth.callback.url (OAuth redirect URL)',
        'warning auth-type: ecwid.store.id is ignored for oauth2 authentication: remove it, or set authentication.type to "custom" if that is what this instance uses',
      ],
    ],
    [
      'declared custom with OAuth2 keys: warned, not required',
      file({ 'authentication.type': 'custom', ...LEGACY, 'oauth.api.secret': 'Kp3vQ9sT2wXy8ZbN' }, { providerData: { code: 'abc123' } }),
      [
        'warning auth-type: oauth.api.secret is ignored for custom authentication: remove it, or set authentication.type to "oauth2" if that is what this instance uses',
        'warning auth-type: providerData is ignored for custom authentication: remove it, or set authentication.type to "oauth2" if that is what this instance uses',
      ],
    ],
    [
      'both kinds and no authentication.type: one error asking to set it',
      file({ ...LEGACY, ...OAUTH }),
      ['error auth-type: authentication.type is missing, and the file holds both legacy keys (ecwid.*) and OAuth2 keys (oauth.*, providerData): set it to "custom" or "oauth2"'],
    ],
    [
      'a type that is neither: a schema error, and the keys decide the rest',
      file({ 'authentication.type': 'OAuth', ...OAUTH }),
      ['error schema: authentication.type must be "custom" or "oauth2"'],
    ],
    [
      'an http redirect URL only for this machine',
      file({ ...OAUTH, 'oauth.callback.url': 'http://example.com/cb' }),
      ['error schema: oauth.callback.url must be an absolute https URL, such as "https://example.com/oauth/callback" (http only for this machine, such as "http://localhost:8787/callback")'],
    ],
  ];
  for (const [name, text, expected] of cases) {
    test(name, () => assert.deepEqual(messages(text), expected));
  }

  test('loopback redirect URLs over http are fine', () => {
    for (const url of ['http://localhost:8787/callback', 'http://127.0.0.1:9/cb', 'http://[::1]:8787/', 'HTTP://LOCALHOST/cb', 'http://app.localhost:1/cb']) {
      assert.deepEqual(messages(file({ ...OAUTH, 'oauth.callback.url': url })), [], url);
    }
  });

  test('decideAuthType and the schema agree on every mix of keys', () => {
    const keys = fc.subarray([...Object.keys(LEGACY), ...Object.keys(OAUTH), 'ecwid.unknown', 'oauth.scope']);
    const declared = fc.constantFrom(undefined, 'custom', 'oauth2', 'other');
    fc.assert(
      fc.property(keys, declared, fc.boolean(), (present, type, providerData) => {
        const configuration = Object.fromEntries(present.map((key) => [key, { ...LEGACY, ...OAUTH }[key] ?? 'read_orders']));
        if (type) configuration['authentication.type'] = type;
        const data = { element: { key: 'ecwid' }, configuration, name: 'n', ...(providerData ? { providerData: { code: 'abc123' } } : {}) };
        const found = messages(JSON.stringify(data));
        const missing = found.filter((m) => m.includes('missing required key')).map((m) => /key (\S+)/.exec(m)[1]);
        const decision = decideAuthType(data);
        if (decision.type === 'oauth2') assert.deepEqual(missing, Object.keys(OAUTH).filter((key) => !present.includes(key)));
        if (decision.type === 'custom') assert.deepEqual(missing, Object.keys(LEGACY).filter((key) => !present.includes(key)));
        // A type that is neither gets its schema error, which says what to write.
        assert.equal(found.some((m) => m.startsWith('error auth-type')), decision.source === 'mixed' && type === undefined);
      }),
      { numRuns: 500, seed: 20261130 },
    );
  });
});

describe('values the platform writes for "not set"', () => {
  test('null or "" for an optional key is a warning', () => {
    assert.deepEqual(messages(file({ ...LEGACY, 'event.notification.signature.key': '', 'event.notification.basic.password': null })), [
      'warning empty-value: event.notification.signature.key is an empty string, which Cloud Elements reads as not set: remove the key, or give it a value',
      'warning empty-value: event.notification.basic.password is null, which Cloud Elements reads as not set: remove the key, or give it a value',
    ]);
    assert.deepEqual(messages(file({ ...OAUTH, 'oauth.scope': '' })).map((m) => m.split(':')[0]), ['warning empty-value']);
  });

  test('a callback URL left empty with events off is not set; with events on it is an error', () => {
    assert.deepEqual(messages(file({ ...LEGACY, 'event.notification.enabled': 'false', 'event.notification.callback.url': '' })).map((m) => m.split(':')[0]), ['warning empty-value']);
    assert.deepEqual(messages(file({ ...LEGACY, 'event.notification.enabled': 'true', 'event.notification.callback.url': null })), [
      'error schema: event.notification.callback.url is empty: events are enabled, so Cloud Elements needs a callback URL to send them to',
    ]);
  });

  test('a required key that is null or "" stays an error', () => {
    for (const value of [null, '']) {
      assert.deepEqual(messages(file({ ...LEGACY, 'ecwid.store.id': value })), ['error schema: ecwid.store.id must be a string of at most 128 digits, such as "4870020"']);
      assert.deepEqual(messages(file({ ...OAUTH, 'oauth.api.secret': value })), ['error schema: oauth.api.secret must be a non-empty string of at most 128 characters without whitespace']);
    }
  });
});

describe('placeholders', () => {
  test('unrendered template text in any value is a docs placeholder', () => {
    const template = '<{{page.apiProvider}} app {{page.apiKey}}>';
    assert.deepEqual(messages(file({ ...OAUTH, 'oauth.api.key': template })), [
      `error placeholder: oauth.api.key still holds the docs placeholder ${template}: replace it with the real value`,
    ]);
    assert.deepEqual(messages(file(OAUTH, { providerData: { code: '<{{ page.code }}>' } })).map((m) => m.split(':')[0]), ['error placeholder']);
  });
});

describe('secrets of an OAuth2 file', () => {
  const body = { element: { key: 'ecwid' }, configuration: { ...OAUTH }, providerData: { code: 'grant-code-0123456789' }, name: 'n' };

  test('the client secret and the grant code are secrets; the client ID is not', () => {
    assert.deepEqual(instanceSecrets(body).sort(), ['Kp3vQ9sT2wXy8ZbN', 'grant-code-0123456789']);
  });

  test('a dry run masks both', () => {
    const masked = maskInstanceBody(body);
    assert.deepEqual(masked.configuration, { ...OAUTH, 'oauth.api.secret': '****8ZbN' });
    assert.deepEqual(masked.providerData, { code: '****6789' });
    assert.deepEqual(body.providerData, { code: 'grant-code-0123456789' });
  });

  test('no message quotes the grant code', () => {
    const code = 'bad code with spaces';
    const found = messages(file(OAUTH, { providerData: { code } }));
    assert.deepEqual(found, ['error schema: providerData.code must be a non-empty string of at most 2048 characters without whitespace (the grant code)']);
  });
});

describe('large files stay linear: the same answers at small sizes', () => {
  test('more findings than are searched for one by one are all placed on their own lines', () => {
    const configuration = { ...LEGACY };
    for (let i = 0; i < 40; i++) configuration[`x.${i}`] = '1';
    const text = file(configuration, { tags: Array.from({ length: 30 }, () => '<Add_Your_Tag>') });
    const lines = text.split('\n');
    const problems = checkText('f.json', text, false).problems;
    assert.equal(problems.length, 40 + 30);
    for (const p of problems) {
      const line = lines[p.line - 1];
      const expected = p.rule === 'unknown-key' ? `"${p.message.match(/"(x\.\d+)"/)[1]}"` : '"<Add_Your_Tag>"';
      assert.equal(line.slice(p.column - 1, p.column - 1 + expected.length), expected, JSON.stringify(p));
    }
  });

  test('many tags: distinct ones are plainly valid, a repeat late in the list is found', () => {
    const tags = Array.from({ length: 100 }, (_, i) => `t${i}`);
    assert.deepEqual(messages(file(LEGACY, { tags })), []);
    assert.deepEqual(messages(file(LEGACY, { tags: [...tags, 't7'] })), ['error schema: tags[100] repeats tags[7]; tags must be distinct']);
  });
});
