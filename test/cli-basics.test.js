import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { wantsColor } from '../dist/io.js';
import { runCli } from './helpers/cli.js';

describe('everywhere', () => {
  test('-V and --version print the version: exit 0 (bin.test.js checks it is package.json\'s)', async () => {
    for (const flag of ['-V', '--version']) {
      const { code, stdout } = await runCli([flag]);
      assert.equal(stdout, '0.0.0-test\n');
      assert.equal(code, 0);
    }
  });

  const commands = {
    validate: ['NO_COLOR'],
    urls: ['ECWID_STORE_ID', 'CLOUD_ELEMENTS_ENVIRONMENT', 'CLOUD_ELEMENTS_BASE_URL'],
    schema: [],
    init: ['ECWID_STORE_ID', 'ECWID_ORDER_KEY', 'ECWID_PRODUCT_KEY', 'ECWID_CALLBACK_URL', 'ECWID_SIGNATURE_KEY', 'CLOUD_ELEMENTS_ENVIRONMENT', 'CLOUD_ELEMENTS_BASE_URL', 'ECWID_INSTANCE_CONFIG_DIR', 'CI', 'NO_COLOR'],
    config: ['ECWID_INSTANCE_CONFIG_DIR'],
    provision: ['CLOUD_ELEMENTS_USER_SECRET', 'CLOUD_ELEMENTS_ORG_SECRET', 'CLOUD_ELEMENTS_ENVIRONMENT', 'CLOUD_ELEMENTS_BASE_URL', 'ECWID_INSTANCE_CONFIG_DIR', 'CI'],
    status: ['CLOUD_ELEMENTS_USER_SECRET', 'CLOUD_ELEMENTS_ORG_SECRET', 'CLOUD_ELEMENTS_ENVIRONMENT', 'CLOUD_ELEMENTS_BASE_URL', 'ECWID_INSTANCE_CONFIG_DIR', 'CI'],
    delete: ['CLOUD_ELEMENTS_USER_SECRET', 'CLOUD_ELEMENTS_ORG_SECRET', 'CLOUD_ELEMENTS_ENVIRONMENT', 'CLOUD_ELEMENTS_BASE_URL', 'ECWID_INSTANCE_CONFIG_DIR', 'CI'],
  };
  const subcommands = {
    'config list': ['ECWID_INSTANCE_CONFIG_DIR'],
    'config get': ['ECWID_INSTANCE_CONFIG_DIR'],
    'config set': ['ECWID_INSTANCE_CONFIG_DIR'],
    'config unset': ['ECWID_INSTANCE_CONFIG_DIR'],
    'config path': ['ECWID_INSTANCE_CONFIG_DIR'],
  };
  for (const [command, variables] of Object.entries({ ...commands, ...subcommands })) {
    test(`${command} --help shows usage, examples and the environment it reads; -h the same`, async () => {
      const { code, stdout } = await runCli([...command.split(' '), '--help']);
      assert.equal(code, 0);
      assert.match(stdout, new RegExp(`^Usage: ecwid-instance ${command} `));
      assert.match(stdout, /\nExamples:\n {2}\$ ecwid-instance /);
      for (const variable of variables) assert.match(stdout, new RegExp(`\\n {2}${variable} `));
      const short = await runCli([...command.split(' '), '-h']);
      assert.equal(short.code, 0);
      assert.equal(short.stdout, stdout);
    });
  }

  test('--help lists the commands, examples and exit codes', async () => {
    const { code, stdout } = await runCli(['--help']);
    assert.equal(code, 0);
    for (const command of Object.keys(commands)) assert.match(stdout, new RegExp(`\\n {2}${command}`));
    assert.match(stdout, /Exit status: 0 success, 1 invalid instance data, 2 usage/);
  });

  test('no command: help on stderr, exit 2', async () => {
    const { code, stdout, stderr } = await runCli([]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^Usage: ecwid-instance /);
  });

  test('an unknown command or option is a usage error: exit 2', async () => {
    const command = await runCli(['nope']);
    assert.equal(command.code, 2);
    assert.equal(command.stderr, "error: unknown command 'nope'\n(add --help for usage)\n");
    const option = await runCli(['validate', '--nope']);
    assert.equal(option.code, 2);
    assert.equal(option.stderr, "error: unknown option '--nope'\n(add --help for usage)\n");
  });

  test('colour: only on a terminal, never with NO_COLOR or TERM=dumb; FORCE_COLOR forces it otherwise (--no-color: bin.test.js)', () => {
    const table = [
      [true, {}, true],
      [false, {}, false],
      [true, { NO_COLOR: '1' }, false],
      [true, { NO_COLOR: '' }, true],
      [true, { TERM: 'dumb' }, false],
      [false, { FORCE_COLOR: '1' }, true],
      [false, { FORCE_COLOR: '0' }, false],
      [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
      [false, { FORCE_COLOR: '1', TERM: 'dumb' }, false],
      [true, { FORCE_COLOR: '0' }, false],
      [true, { FORCE_COLOR: 'false' }, false],
    ];
    for (const [isTTY, env, expected] of table) {
      assert.equal(wantsColor(isTTY, env), expected, JSON.stringify({ isTTY, env }));
    }
  });
});
