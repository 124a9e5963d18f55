// The OAuth2 pieces as tables: which redirect URLs are caught here, and what a pasted answer yields.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loopbackAddress } from '../dist/oauth/redirect-url.js';
import { readPastedAnswer } from '../dist/oauth/redirect-answer.js';

test('a redirect URL is caught here only when it is plain http on a loopback host with a port', () => {
  const cases = [
    ['http://localhost:8787/callback', { host: 'localhost', addresses: ['127.0.0.1', '::1'], port: 8787, path: '/callback' }],
    ['http://127.0.0.1:9000/', { host: '127.0.0.1', addresses: ['127.0.0.1'], port: 9000, path: '/' }],
    ['http://[::1]:9000/cb', { host: '::1', addresses: ['::1'], port: 9000, path: '/cb' }],
    ['http://localhost/callback', undefined], // no port: port 80 would need privileges
    ['http://localhost:80/callback', undefined], // the URL drops a default port: the same
    ['https://localhost:8787/callback', undefined],
    ['http://evil.localhost:8787/callback', undefined], // the resolver decides where that leads
    ['http://example.com:8787/callback', undefined],
    ['http://10.0.0.1:8787/callback', undefined],
    ['not a url', undefined],
  ];
  for (const [url, expected] of cases) assert.deepEqual(loopbackAddress(url), expected, url);
});

test('a pasted answer: the whole address (its state checked), or only the code', () => {
  const state = 'S'.repeat(43);
  const cases = [
    [`https://example.com/cb?code=abc123&state=${state}`, { code: 'abc123' }],
    [`  https://example.com/cb?state=${state}&code=abc123  `, { code: 'abc123' }],
    [`/cb?code=abc123&state=${state}`, { code: 'abc123' }],
    ['abc123', { code: 'abc123' }],
    [`https://example.com/cb?error=access_denied&error_description=No&state=${state}`, { error: 'access_denied', description: 'No' }],
    ['https://example.com/cb?code=abc123&state=other', 'this address cannot be used: its state does not match this authorization (an old or foreign address)'],
    ['https://example.com/cb?code=abc123', 'this address cannot be used: its state does not match this authorization (an old or foreign address)'],
    [`https://example.com/cb?state=${state}`, 'this address cannot be used: it holds no code'],
    ['', 'paste the address, or the code'],
    ['abc 123', 'a code holds no spaces: paste the address, or only the code'],
  ];
  for (const [text, expected] of cases) assert.deepEqual(readPastedAnswer(text, state), expected, text);
});
