// The webhook library against signatures computed by openssl (fixtures/webhooks/signatures.txt), not by
// the code under test, and parseNotification over the shapes a callback may take.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkWebhookSignature, parseNotification, signWebhookBody, verifyWebhookSignature } from '../dist/webhooks/index.js';
import { fixtures } from './helpers/paths.js';

const dir = join(fixtures, 'webhooks');
const key = readFileSync(join(dir, 'key.txt'), 'utf8');
const vectors = readFileSync(join(dir, 'signatures.txt'), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => line.split(' '))
  .map(([file, signature]) => ({ file, signature, bytes: readFileSync(join(dir, file)) }));

describe('signatures match openssl', () => {
  test('the vectors cover a multi-byte UTF-8 body and a trailing newline', () => {
    assert.equal(vectors.length, 3);
    assert.ok(vectors.some(({ bytes }) => bytes.length !== bytes.toString('utf8').length), 'a multi-byte body');
    assert.ok(vectors.some(({ bytes }) => bytes.at(-1) === 0x0a), 'a body ending in a newline');
  });
  for (const { file, signature, bytes } of vectors) {
    test(file, () => {
      assert.equal(signWebhookBody(bytes, key), signature);
      assert.equal(signWebhookBody(bytes.toString('utf8'), key), signature, 'a string is signed as its UTF-8 bytes');
      assert.equal(verifyWebhookSignature(bytes, signature, key), true);
      assert.equal(verifyWebhookSignature(bytes.toString('utf8'), signature, key), true);
      assert.equal(verifyWebhookSignature(new Uint8Array(bytes), signature, key), true, 'a plain Uint8Array');
    });
  }
  test('the trailing newline is part of the signed bytes', () => {
    const { bytes, signature } = vectors.find((vector) => vector.file === 'trailing-newline.json');
    assert.equal(verifyWebhookSignature(bytes.subarray(0, -1), signature, key), false);
  });
  test('re-serialized JSON does not verify: the raw body must be checked', () => {
    const { bytes, signature } = vectors.find((vector) => vector.file === 'utf8.json');
    const again = JSON.stringify(JSON.parse(bytes.toString('utf8')), null, 2);
    assert.equal(verifyWebhookSignature(again, signature, key), false);
  });
});

describe('verifyWebhookSignature says no to anything malformed', () => {
  const { bytes, signature } = vectors[0];
  const digest = signature.slice('sha256='.length);
  const cases = [
    ['no header', undefined, 'missing'],
    ['an empty header', '', 'missing'],
    ['sha1=', `sha1=${digest}`, 'sha1'],
    ['no prefix', digest, 'no-prefix'],
    ['another algorithm', `sha512=${digest}`, 'no-prefix'],
    ['not base64', 'sha256=not base64 at all!', 'malformed'],
    ['a short digest', `sha256=${digest.slice(4)}`, 'malformed'],
    ['a long digest', `sha256=${digest}AAAA`, 'malformed'],
    ['base64url characters', `sha256=${digest.replace(/\+/g, '-').replace(/\//g, '_')}`, 'malformed'],
    ['another body', signWebhookBody('{}', key), 'mismatch'],
    ['one bit off', `sha256=${Buffer.from(Buffer.from(digest, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64')}`, 'mismatch'],
  ];
  for (const [name, header, problem] of cases) {
    test(name, () => {
      assert.equal(verifyWebhookSignature(bytes, header, key), false);
      assert.deepEqual(checkWebhookSignature(bytes, header, key), { valid: false, problem });
    });
  }
  test('the wrong key, an empty key, and values that are not strings', () => {
    assert.equal(verifyWebhookSignature(bytes, signature, `${key}x`), false);
    assert.equal(verifyWebhookSignature(bytes, signature, ''), false);
    assert.equal(verifyWebhookSignature(bytes, /** @type {any} */ (['sha256=x']), key), false);
    assert.equal(verifyWebhookSignature(bytes, signature, /** @type {any} */ (undefined)), false);
    assert.equal(verifyWebhookSignature(/** @type {any} */ (null), signature, key), false);
  });
  test('padding may be left out, and the label may be upper case', () => {
    assert.equal(verifyWebhookSignature(bytes, signature.replace(/=$/, ''), key), true);
    assert.equal(verifyWebhookSignature(bytes, signature.replace('sha256=', 'SHA256='), key), true);
  });
  test('signing with an empty key throws', () => {
    assert.throws(() => signWebhookBody('{}', ''), TypeError);
  });
});

describe('parseNotification', () => {
  test('the documented shape', () => {
    const notification = parseNotification(readFileSync(join(dir, 'orders-created.json')));
    assert.equal(notification.eventId, '3f1c2a9e-5d7b-4c1e-9a62-0b8d4e7f1a23');
    assert.equal(notification.instanceId, '484512', 'a numeric ID as text');
    assert.equal(notification.elementKey, 'ecwid');
    assert.deepEqual(notification.raw, { eventType: 'order.created', entityId: 1001, storeId: 4870020 });
    assert.equal(notification.events.length, 1);
    const [event] = notification.events;
    assert.deepEqual(
      { eventType: event.eventType, objectType: event.objectType, objectId: event.objectId, elementKey: event.elementKey, date: event.date },
      { eventType: 'CREATED', objectType: 'orders', objectId: '1001', elementKey: 'ecwid', date: '2026-11-30T12:00:00Z' },
    );
  });
  const shapes = [
    ['no message wrapper', { eventId: 'x', events: [{ objectId: 7, eventType: 'UPDATED' }] }, [['UPDATED', undefined, '7']]],
    ['one event object instead of an array', { message: { events: { objectType: 'orders', objectId: '8', eventType: 'DELETED' } } }, [['DELETED', 'orders', '8']]],
    ['unknown entries are skipped', { message: { events: [1, null, 'x', [], {}, { foo: 1 }, { eventType: 'RENAMED' }] } }, [['RENAMED', undefined, undefined]]],
    ['events not there', { message: { hello: 'world' } }, []],
    ['a JSON array', [{ eventType: 'CREATED' }], []],
    ['a JSON string', 'hello', []],
    ['null', null, []],
    ['twenty events', { message: { events: Array.from({ length: 20 }, (_, i) => ({ objectId: i, eventType: 'CREATED', objectType: 'orders' })) } }, Array.from({ length: 20 }, (_, i) => ['CREATED', 'orders', String(i)])],
  ];
  for (const [name, body, expected] of shapes) {
    test(name, () => {
      const notification = parseNotification(JSON.stringify(body));
      assert.deepEqual(notification.events.map((e) => [e.eventType, e.objectType, e.objectId]), expected);
      assert.deepEqual(notification.body, body);
    });
  }
  test('a leading BOM is allowed; text that is not JSON or not UTF-8 throws a SyntaxError', () => {
    assert.equal(parseNotification('\ufeff{"message":{"eventId":"b"}}').eventId, 'b');
    assert.throws(() => parseNotification('not json'), SyntaxError);
    assert.throws(() => parseNotification(new Uint8Array([0x7b, 0xff, 0x7d])), SyntaxError);
  });
  test('__proto__ in a body touches no prototype', () => {
    const notification = parseNotification('{"__proto__":{"polluted":1},"message":{"events":[{"__proto__":{"x":1},"eventType":"CREATED"}]}}');
    assert.equal(notification.events.length, 1);
    assert.equal(/** @type {any} */ ({}).polluted, undefined);
  });
});
