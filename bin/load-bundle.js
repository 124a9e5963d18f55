// Loads dist/bundle/cli.js as `require` would, but with the V8 code cache that the build writes
// beside it (scripts/code-cache.js), so that Node does not compile the bundle again at every start.
// V8 checks a cache only against the length of the source, so the cache file also holds the bundle
// it was made for, and is used only while cli.js is that very bundle, byte for byte. A cache V8
// refuses (made by another Node, or with other flags) means compiling as usual; without a cache
// file, or with one for another bundle, the bundle is simply required.
'use strict';

const { readFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, '../dist/bundle/cli.js');
const cacheFile = join(__dirname, '../dist/bundle/cli.cache');

/**
 * Compiles the bundle's `source` (with `cachedData` when given) and runs its module code, as Node's
 * loader would; returns the script, for making a cache, and the bundle's exports. Code compiled this
 * way cannot call import(): the bundle leaves that to dist/bundle/import-esm.js.
 */
function compileBundle(source, cachedData) {
  const script = new Script(wrap(source), { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { script, exports: module.exports };
}

/** What the cache file holds: the bundle's length, the bundle, then V8's cache. */
function cacheFileContent(source, cachedData) {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(source.length);
  return Buffer.concat([length, source, cachedData]);
}

function loadBundle() {
  let file;
  try {
    file = readFileSync(cacheFile);
  } catch {
    return require(bundle);
  }
  const source = readFileSync(bundle);
  const end = 4 + source.length;
  if (file.length <= end || file.readUInt32LE(0) !== source.length || !source.equals(file.subarray(4, end))) return require(bundle);
  return compileBundle(source.toString('utf8'), file.subarray(end)).exports;
}

module.exports = { bundle, cacheFile, cacheFileContent, compileBundle, loadBundle };
