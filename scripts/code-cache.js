// Writes dist/bundle/cli.cache, the V8 code cache that bin/ loads the bundle with
// (bin/load-bundle.js). The bundle is compiled and run here on a few instance files, good and
// broken, so that the cache holds the code `validate` runs; the rest still compiles when first used.
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

const require = createRequire(import.meta.url);
const { bundle, cacheFile, cacheFileContent, compileBundle } = require('../bin/load-bundle.js');

const good = {
  element: { key: 'ecwid' },
  configuration: {
    'ecwid.store.id': '4870020',
    'ecwid.order.key': 'secret_abcDEF123',
    'ecwid.product.key': 'public_abcDEF123',
    'event.notification.enabled': 'true',
    'event.notification.callback.url': 'https://example.com/ecwid/events',
  },
  tags: ['production'],
  name: 'ecwid-4870020',
};
const text = JSON.stringify(good, null, 2);
const samples = {
  'good.json': text,
  'placeholder.json': text.replace('"4870020"', '"<INSERT_STORE_ID>"'),
  'unknown-key.json': text.replace('"name"', '"nmae"'),
  'wrong-type.json': text.replace('"true"', 'true').replace('"4870020"', '4870020'),
  'missing-key.json': text.replace(/\n {4}"ecwid\.order\.key".*/, ''),
  'duplicate.json': text.replace('"tags"', '"name": "first",\n  "tags"'),
  'syntax.json': text.slice(0, 60),
};

rmSync(cacheFile, { force: true });
const folder = mkdtempSync(join(tmpdir(), 'ecwid-instance-cache-'));
try {
  for (const [name, content] of Object.entries(samples)) writeFileSync(join(folder, name), content);
  const source = readFileSync(bundle);
  const { script, exports } = compileBundle(source.toString('utf8'), undefined);
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const context = exports.processContext();
  const code = await exports.main(['validate', folder], { ...context, io: { ...context.io, stdout: sink, stderr: sink } });
  if (code !== 1) throw new Error(`code-cache: validate on the sample files exited ${code}, not 1`);
  // Written whole or not at all: V8 refuses a cut-off cache, but a build stopped midway leaves none.
  const temporary = `${cacheFile}.${process.pid}`;
  writeFileSync(temporary, cacheFileContent(source, script.createCachedData()));
  renameSync(temporary, cacheFile);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
