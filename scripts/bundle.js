// Bundles the built CLI (dist/main.js and everything it imports) into one CommonJS file,
// dist/bundle/cli.js, which bin/ loads. Why:
// - Node starts a CommonJS entry without its ES module loader, a few milliseconds sooner;
// - one file is read and compiled instead of dozens of modules resolved and linked;
// - modules that commands import lazily stay lazy: esbuild runs their code (and requires their
//   Node built-ins, such as node:http) only when the import happens.
// The tsc output in dist/ stays as it is, for the tests that import single modules.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/bundle');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Build-time answers for modules that would otherwise look things up at run time. */
const inline = {
  name: 'inline',
  setup(on) {
    // version.js reads package.json beside dist/; the bundle knows the version already.
    on.onLoad({ filter: /[\\/]dist[\\/]version\.js$/ }, () => ({ contents: `export const VERSION = ${JSON.stringify(version)};\n`, loader: 'js' }));
    // The compiled schema reaches ajv's runtime helper through createRequire; with the plain
    // `require` left, esbuild bundles that helper instead of leaving it to a lookup in node_modules.
    on.onLoad({ filter: /[\\/]generated[\\/]schema-validator\.js$/ }, ({ path }) => ({
      contents: readFileSync(path, 'utf8')
        .replace("import { createRequire } from 'node:module';\n", '')
        .replace('const require = createRequire(import.meta.url);\n', ''),
      loader: 'js',
    }));
    // commander loads child_process only to run executable subcommands, which this CLI has none
    // of; loading it on every start costs a few milliseconds.
    on.onResolve({ filter: /^node:child_process$/ }, ({ importer }) =>
      /[\\/]commander[\\/]/.test(importer) ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    // import() cannot run in code that bin/ compiles with a V8 code cache; it runs in
    // src/import-esm.ts, built as a small file of its own beside the bundle and loaded by Node itself.
    on.onResolve({ filter: /[\\/]import-esm\.js$/ }, ({ kind }) => (kind === 'entry-point' ? undefined : { path: './import-esm.js', external: true }));
    on.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "let real;\nmodule.exports = { spawn: (...args) => (real ??= require('node:child_process')).spawn(...args) };\n",
      loader: 'js',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
// The package is "type": "module"; this folder says that its .js files are CommonJS.
mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
await build({
  entryPoints: { cli: join(root, 'dist/main.js'), 'import-esm': join(root, 'dist/import-esm.js') },
  outdir,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.17',
  // Loaded by dynamic import() when used: ES module packages, and neither is on a fast path.
  external: ['conf', '@inquirer/prompts'],
  // The modules read files beside themselves through import.meta.url; bundle depth (dist/bundle/)
  // matches theirs (dist/commands/), so the same relative URLs still work.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Less text to compile at every start; names stay readable in --debug stack traces.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [inline],
});
