// Loads dist/bundle/cli.js as `require` would, but with the V8 code cache that the build writes
// beside it (scripts/code-cache.js), so that Node does not compile the bundle again at every start.
// V8 refuses a cache made by another version of Node (or with other flags), and the bundle is then
// compiled as usual; without a cache file it is simply required.
'use strict';

const { readFileSync } = require('node:fs');
const { createRequire, wrap } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, '../dist/bundle/cli.js');
const cacheFile = join(__dirname, '../dist/bundle/cli.cache');

/**
 * Compiles the bundle (with `cachedData` when given) and runs its module code, as Node's loader
 * would; returns the script, for making a cache, and the bundle's exports. Code compiled this way
 * cannot call import(): the bundle leaves that to dist/bundle/import-esm.cjs.
 */
function compileBundle(cachedData) {
  const script = new Script(wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { script, exports: module.exports };
}

function loadBundle() {
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    return require(bundle);
  }
  return compileBundle(cachedData).exports;
}

module.exports = { compileBundle, loadBundle, cacheFile };
