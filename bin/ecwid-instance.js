#!/usr/bin/env node
// Thin shim: the bundled entry point does the work and says which exit code to use.
// CommonJS (see package.json here), so that Node starts it without its ES module loader.
'use strict';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // What commander would print, without loading the program to print it.
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  require('../dist/bundle/cli.js')
    .runFromProcess()
    .then((code) => {
      process.exitCode = code;
    });
}
