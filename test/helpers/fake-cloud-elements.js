// A fake Cloud Elements Platform API on 127.0.0.1 (a random port), implementing the documented
// contract of /elements/api-v2/instances (POST, GET) and /instances/{id} (GET, PATCH, DELETE, GET
// …/configuration), plus the ways a real one can misbehave.
import { createServer } from 'node:http';

/** Credentials shaped like the docs' examples: 44 base64 characters and 32 hex characters. */
export const USER_SECRET = 'kQ9v2LmX7pR4tY8wZ1aB3cD5eF6gH0jK2nP4sU6xW8y=';
export const ORG_SECRET = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
export const TOKEN = 'dsPr6AheLIS8pt7rp8E81bSKEkx9Ftr+9Y';
export const REQUEST_ID = '58b46b1be4b0e5a9b7d19c49';
const PATH = '/elements/api-v2/instances';
export const OAUTH_URL_PATH = '/elements/api-v2/elements/ecwid/oauth/url';
const OAUTH_REQUIRED = ['oauth.api.key', 'oauth.api.secret', 'oauth.callback.url'];

/**
 * `GET /elements/ecwid/oauth/url?apiKey&apiSecret&callbackUrl[&state][&scope]`: the Ecwid page where
 * the store owner allows the app, carrying the redirect URL and state back, as the platform builds it.
 */
function answerOAuthUrl(req, url, res) {
  if (req.method !== 'GET') return json(res, 405, { requestId: REQUEST_ID, message: 'Method not allowed' });
  const query = url.searchParams;
  for (const name of ['apiKey', 'apiSecret', 'callbackUrl']) {
    if (!query.get(name)) return json(res, 400, { requestId: REQUEST_ID, message: `Missing query parameter ${name}` });
  }
  const page = new URL('https://my.ecwid.com/api/oauth/authorize');
  page.searchParams.set('client_id', query.get('apiKey'));
  page.searchParams.set('redirect_uri', query.get('callbackUrl'));
  page.searchParams.set('response_type', 'code');
  if (query.has('scope')) page.searchParams.set('scope', query.get('scope'));
  if (query.has('state')) page.searchParams.set('state', query.get('state'));
  return json(res, 200, { oauthUrl: page.href, element: 'ecwid' });
}
const MIB = 1024 * 1024;
/** How the platform shows a secret it holds. */
export const MASKED = '********';
const SECRET_KEYS = new Set(['ecwid.order.key', 'ecwid.product.key', 'event.notification.signature.key', 'event.notification.basic.password', 'oauth.api.secret']);

/**
 * `behaviour` picks the answer to every request:
 * - `contract`: the documented API (Authorization checked, 200 with the created instance, 400 naming a
 *   missing `requiredConfiguration` entry, GET listing `instances` in pages of at most `maxPageSize`);
 * - `forbidden` (403), `error500`, `notJson` (200 with HTML), `hang` (no answer at all),
 *   `hangBody` (headers and half a body, then nothing), `huge` (a chunked body without end),
 *   `hugeDeclared` (a Content-Length of 1 GiB), `echoSecrets` (a 400 quoting the request), `hostileText` (a 400 whose
 *   message, requestId and providerMessage hold terminal escapes, a line break and bidi controls),
 *   `redirectAway` (307 to `redirectTo`), `redirectSame` (307 to the same path under /moved),
 *   `created201` (the contract, but a create answers 201 Created), `idInHeaderOnly` (a 400 whose body
 *   has a message but no requestId: the ID is only in the `Elements-Request-Id` header), `noToken`
 *   (the contract, but a create answers without the instance's token), `tokenInName` (the contract,
 *   but the created instance's name quotes its token), `tokenWithNewline` (the contract, but the token
 *   holds a line break and a second line), `redirectLoop` (307 to the very same URL), `redirectChain`
 *   (307 to a new address under /moved, again and again), `echoPadded` (a 400 whose message is
 *   `echoPad` dashes and then the Authorization header), `echoEncoded` (a 400 quoting the request
 *   body URL-encoded).
 * `beforeCreated`, when set, runs just before a create is answered (the instance exists by then).
 * `only(method, path)`, when set, limits the misbehaviour to the requests it returns true for; the
 * others get the contract.
 * `instances` holds what the account has: each `{ id, name, element: { key }, configuration, tags,
 * createdDate, disabled, valid }`. A create adds one (ids from 12345 up); PATCH changes one (name and
 * tags replaced, configuration merged); DELETE removes one (HTTP 200, empty body). Every answer shows
 * the configuration's secrets masked, as the platform does.
 */
export async function startFakeCloudElements() {
  const state = {
    behaviour: 'contract',
    requiredConfiguration: ['ecwid.order.key', 'ecwid.product.key', 'ecwid.store.id'],
    instances: [],
    maxPageSize: 200,
    redirectTo: undefined,
    /** Every request received: method, url (path and query), headers, body text. */
    requests: [],
    hugeBytesSent: 0,
    beforeCreated: undefined,
    only: undefined,
    nextId: 12345,
    oauthByDefault: false,
    /** When set, the only grant codes a create accepts. */
    grantCodes: undefined,
    echoPad: 0,
  };
  const sockets = new Set();
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      state.requests.push({ method: req.method, url: req.url, headers: req.headers, body });
      answer(state, req, res, body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    state,
    reset() {
      Object.assign(state, { behaviour: 'contract', requiredConfiguration: ['ecwid.order.key', 'ecwid.product.key', 'ecwid.store.id'], instances: [], maxPageSize: 200, redirectTo: undefined, requests: [], hugeBytesSent: 0, beforeCreated: undefined, only: undefined, nextId: 12345, oauthByDefault: false, grantCodes: undefined, echoPad: 0 });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function json(res, status, value, headers = {}) {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Elements-Request-Id': REQUEST_ID, ...headers });
  res.end(text);
}

function answer(state, req, res, body) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const misbehave = state.only === undefined || state.only(req.method, url.pathname);
  switch (misbehave ? state.behaviour : 'contract') {
    case 'hang':
      return; // the socket is destroyed when the server closes
    case 'hangBody':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"id": 12345, "name": ');
      return;
    case 'huge':
      return sendHuge(state, res);
    case 'hugeDeclared':
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 1024 * MIB });
      res.write('[');
      return;
    case 'notJson':
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end('<html><body>Bad gateway</body></html>');
    case 'error500':
      return json(res, 500, { requestId: REQUEST_ID, message: 'An unexpected error occurred' });
    case 'idInHeaderOnly':
      return json(res, 400, { message: 'Bad Request' });
    case 'forbidden':
      return json(res, 403, { requestId: REQUEST_ID, message: 'Access denied' });
    case 'hostileText':
      return json(res, 400, { requestId: 'r\u009b1', message: 'bad\u001b[2J\u001b]52;c;ZXZpbA==\u0007\nerror: forged line \u202etxt.exe', providerMessage: 'p\r\u007f' });
    case 'echoSecrets':
      return json(res, 400, { requestId: REQUEST_ID, message: `Invalid request ${req.headers.authorization} ${body}`, providerMessage: `Ecwid said: ${body}`, request: JSON.parse(body) });
    case 'redirectAway':
      res.writeHead(307, { Location: `${state.redirectTo}${req.url}` });
      return res.end();
    case 'echoPadded':
      return json(res, 400, { requestId: REQUEST_ID, message: `${'-'.repeat(state.echoPad)}${req.headers.authorization}` });
    case 'echoEncoded':
      return json(res, 400, { requestId: REQUEST_ID, message: `Invalid body=${encodeURIComponent(body)}` });
    case 'redirectLoop':
      res.writeHead(307, { Location: req.url });
      return res.end();
    case 'redirectChain':
      res.writeHead(307, { Location: `/moved${req.url}` });
      return res.end();
    case 'redirectSame':
      if (!url.pathname.startsWith('/moved/')) {
        res.writeHead(307, { Location: `/moved${req.url}` });
        return res.end();
      }
  }
  const pathname = url.pathname.replace(/^\/moved/, '');
  const auth = /^User (\S+), Organization (\S+)$/.exec(req.headers.authorization ?? '');
  if (!auth || auth[1] !== USER_SECRET || auth[2] !== ORG_SECRET) {
    return json(res, 401, { requestId: REQUEST_ID, message: 'Invalid Organization or User secret, or invalid Element token provided.' });
  }
  if (pathname === OAUTH_URL_PATH) return answerOAuthUrl(req, url, res);
  const one = /^\/elements\/api-v2\/instances\/([^/]+)(\/configuration)?$/.exec(pathname);
  if (one) return answerOne(state, req, res, body, decodeURIComponent(one[1]), one[2] !== undefined);
  if (pathname !== PATH) return json(res, 404, { requestId: REQUEST_ID, message: 'No such resource' });
  if (req.method === 'GET') return listInstances(state, url, res);
  if (req.method !== 'POST') return json(res, 405, { requestId: REQUEST_ID, message: 'Method not allowed' });
  if (req.headers['content-type'] !== 'application/json') return json(res, 415, { requestId: REQUEST_ID, message: 'Unsupported media type' });
  let instance;
  try {
    instance = JSON.parse(body);
  } catch {
    return json(res, 400, { requestId: REQUEST_ID, message: 'Malformed JSON' });
  }
  if (instance.element?.key !== 'ecwid') return json(res, 404, { requestId: REQUEST_ID, message: 'No element with that key' });
  // An OAuth2 instance needs the app's keys and the store owner's grant code; with `oauthByDefault`,
  // a file that does not state its type is taken for one (as a newer platform might).
  const type = instance.configuration?.['authentication.type'] ?? (state.oauthByDefault ? 'oauth2' : 'custom');
  if (type === 'oauth2' && typeof instance.providerData?.code !== 'string') {
    return json(res, 400, { requestId: REQUEST_ID, message: 'You must provide an OAuth code in order to create an instance of this element' });
  }
  if (type === 'oauth2' && state.grantCodes !== undefined && !state.grantCodes.includes(instance.providerData.code)) {
    return json(res, 400, { requestId: REQUEST_ID, message: 'Ecwid refused the OAuth code: it is unknown or was used already' });
  }
  for (const key of type === 'oauth2' ? OAUTH_REQUIRED : state.requiredConfiguration) {
    if (typeof instance.configuration?.[key] !== 'string') {
      return json(res, 400, { requestId: REQUEST_ID, message: `Missing required configuration entry: ${key}` });
    }
  }
  state.beforeCreated?.();
  const stored = {
    id: state.nextId++,
    name: instance.name,
    element: { id: 42, name: 'Ecwid', key: 'ecwid', typeOauth: false },
    configuration: instance.configuration,
    tags: instance.tags ?? [],
    createdDate: '2026-11-30T12:00:00Z',
    valid: true,
    disabled: false,
  };
  state.instances.push(stored);
  return json(res, state.behaviour === 'created201' ? 201 : 200, {
    ...shown(stored),
    name: state.behaviour === 'tokenInName' ? `${instance.name} ${TOKEN}` : instance.name,
    token: state.behaviour === 'noToken' ? undefined : state.behaviour === 'tokenWithNewline' ? `${TOKEN}\nexport EVIL=1` : TOKEN,
    provisionInteractions: [],
  });
}

/** An instance as the platform shows it: secrets masked, no token. */
function shown(instance) {
  const { token: _token, ...rest } = instance;
  if (!instance.configuration) return rest;
  const configuration = Object.fromEntries(Object.entries(instance.configuration).map(([key, value]) => [key, SECRET_KEYS.has(key) ? MASKED : value]));
  return { ...rest, configuration };
}

/** `GET`, `PATCH`, `DELETE /instances/{id}` and `GET /instances/{id}/configuration`. */
function answerOne(state, req, res, body, id, configuration) {
  const index = state.instances.findIndex((instance) => String(instance.id) === id);
  if (index === -1) return json(res, 404, { requestId: REQUEST_ID, message: `No instance with ID ${id}` });
  const instance = state.instances[index];
  if (configuration) {
    if (req.method !== 'GET') return json(res, 405, { requestId: REQUEST_ID, message: 'Method not allowed' });
    const entries = Object.entries(shown(instance).configuration ?? {}).map(([key, propertyValue]) => ({ key, propertyValue, name: key, type: 'TEXTFIELD_128', hidden: SECRET_KEYS.has(key) }));
    return json(res, 200, entries);
  }
  if (req.method === 'GET') return json(res, 200, shown(instance));
  if (req.method === 'DELETE') {
    state.instances.splice(index, 1);
    res.writeHead(200, { 'Elements-Request-Id': REQUEST_ID, 'Content-Length': 0 });
    return res.end();
  }
  if (req.method !== 'PATCH') return json(res, 405, { requestId: REQUEST_ID, message: 'Method not allowed' });
  if (req.headers['content-type'] !== 'application/json') return json(res, 415, { requestId: REQUEST_ID, message: 'Unsupported media type' });
  let change;
  try {
    change = JSON.parse(body);
  } catch {
    return json(res, 400, { requestId: REQUEST_ID, message: 'Malformed JSON' });
  }
  if (typeof change.name === 'string') instance.name = change.name;
  if (Array.isArray(change.tags)) instance.tags = change.tags;
  if (change.configuration) instance.configuration = { ...instance.configuration, ...change.configuration };
  return json(res, 200, shown(instance));
}

/** Pages of `GET /instances`: `nextPage` is an opaque token, announced in `Elements-Next-Page-Token`. */
function listInstances(state, url, res) {
  const size = Math.min(Number(url.searchParams.get('pageSize') ?? 200), state.maxPageSize);
  const token = url.searchParams.get('nextPage');
  const start = token ? Number(Buffer.from(token, 'base64url').toString().replace('offset:', '')) : 0;
  const page = state.instances.slice(start, start + size).map(shown);
  const more = start + size < state.instances.length;
  json(res, 200, page, more ? { 'Elements-Next-Page-Token': Buffer.from(`offset:${start + size}`).toString('base64url') } : {});
}

/** A body that does not end: 64 KiB chunks, as fast as the client reads, for at most 64 MiB. */
function sendHuge(state, res) {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, ' ');
  const pump = () => {
    while (!res.destroyed && state.hugeBytesSent < 64 * MIB) {
      state.hugeBytesSent += chunk.length;
      if (!res.write(chunk)) return res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.write('[');
  pump();
}
