// Loads dist/bundle/cli.js as `require` would, but with the V8 code cache that the build writes
// beside it (scripts/code-cache.js), so that Node does not compile the bundle again at every start.
// The cache file starts with a digest of the bundle and of the cache itself: V8 checks no more than
// the source's length, and runs a damaged cache to a crash, so a cache that is not the one made for
// this very bundle, whole, is not used. Nor is one that V8 refuses (made by another Node, or with
// other flags): the bundle is then compiled as usual. Without a cache file it is simply required.
'use strict';

const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, '../dist/bundle/cli.js');
const cacheFile = join(__dirname, '../dist/bundle/cli.cache');
const DIGEST_BYTES = 32;

/** The digest a cache file starts with: of the bundle's bytes, then of the V8 cache's. */
function digest(source, cachedData) {
  return createHash('sha256').update(source).update(cachedData).digest();
}

/**
 * Compiles the bundle's `source` (with `cachedData` when given) and runs its module code, as Node's
 * loader would; returns the script, for making a cache, and the bundle's exports. Code compiled this
 * way cannot call import(): the bundle leaves that to dist/bundle/import-esm.cjs.
 */
function compileBundle(source, cachedData) {
  const script = new Script(wrap(source), { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { script, exports: module.exports };
}

function loadBundle() {
  let file;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return require(bundle);
  }
  const source = readFileSync(bundle);
  const cachedData = file.subarray(DIGEST_BYTES);
  if (!digest(source, cachedData).equals(file.subarray(0, DIGEST_BYTES))) return require(bundle);
  return compileBundle(source.toString('utf8'), cachedData).exports;
}

/** What scripts/code-cache.js writes: the digest, then V8's cache. */
function cacheFileContent(source, cachedData) {
  return Buffer.concat([digest(source, cachedData), cachedData]);
}

module.exports = { bundle, cacheFile, cacheFileContent, compileBundle, loadBundle };
