#!/usr/bin/env node
// Thin shim: the bundled entry point does the work and says which exit code to use.
// CommonJS (see package.json here), so that Node starts it without its ES module loader.
'use strict';

const args = process.argv.slice(2);
const isHelp = (arg) => arg === '--help' || arg === '-h';
/** `--help` or `<command> --help` into a pipe: the text rendered at build time, when there is one. */
function prerenderedHelp() {
  if (process.stdout.isTTY || !isHelp(args[args.length - 1]) || args.length > 2) return undefined;
  try {
    return require('../dist/bundle/help.json')[args.length === 2 ? args[0] : ''];
  } catch {
    return undefined;
  }
}

const setExitCode = (code) => {
  process.exitCode = code;
};

/** Prints what needs no program; a failed write (a full disk, not a closed pipe) is reported by it. */
function print(text) {
  process.stdout.on('error', () => {});
  process.stdout.write(text, (error) => {
    if (error && error.code !== 'EPIPE') require('./load-bundle.js').loadBundle().reportWriteFailure(error).then(setExitCode);
  });
}

const help = prerenderedHelp();
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // What commander would print, without loading the program to print it.
  print(`${require('../package.json').version}\n`);
} else if (typeof help === 'string') {
  print(help);
} else {
  require('./load-bundle.js').loadBundle().runFromProcess().then(setExitCode);
}
