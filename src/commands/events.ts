import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Context } from '../context.js';
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_SEND_TIMEOUT_SECONDS,
  EVENT_NAMES,
  type ListenOptions,
  type SendOptions,
  type VerifyOptions,
} from '../events/events-options.js';
import { parseSeconds } from './provision.js';
import { helpFooter, type Outcome } from './shared.js';

/** The commands' work, injectable so tests can check argv → options. */
export interface EventsRuns {
  listen: (options: ListenOptions, context: Context) => Promise<number>;
  send: (options: SendOptions, context: Context) => Promise<number>;
  verify: (options: VerifyOptions, context: Context) => Promise<number>;
}

const realRuns: EventsRuns = {
  listen: async (options, context) => (await import('../events/listen.js')).runListen(options, context),
  send: async (options, context) => (await import('../events/send.js')).runSend(options, context),
  verify: async (options, context) => (await import('../events/verify.js')).runVerify(options, context),
};

function parseInteger(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(number >= min && number <= max)) throw new InvalidArgumentError(`give a whole number from ${min} to ${max}.`);
    return number;
  };
}

const KEY_ENVIRONMENT: [string, string][] = [['ECWID_SIGNATURE_KEY', 'the webhook signature key (wins over the instance file)']];

function keyOptions(command: Command): Command {
  return command
    .option('--instance <file>', 'the instance file holding the signature key (default: ./instance.json when it exists)')
    .option('--signature-key-file <file>', 'read the signature key from a file (- for stdin); wins over the instance file');
}

export function registerEvents(program: Command, context: Context, outcome: Outcome, runs: EventsRuns = realRuns): Command {
  const events = program
    .command('events')
    .description('Receive, send and verify the event callbacks Cloud Elements sends to your app')
    .addHelpText('after', helpFooter(['ecwid-instance events listen', 'ecwid-instance events send http://127.0.0.1:8787/', 'ecwid-instance events verify body.json --signature "sha256=…"'], KEY_ENVIRONMENT));

  keyOptions(
    events
      .command('listen')
      .description('Run a local receiver for event callbacks: check each signature and print each event')
      .option('--port <n>', 'the port to listen on (0 picks a free one)', parseInteger(0, 65535), DEFAULT_PORT)
      .option('--host <addr>', 'the address to listen on', DEFAULT_HOST),
  )
    .option('--forward <url>', "relay each accepted callback to your app and answer with your app's status")
    .option('--json', 'print one JSON object per callback', false)
    .option('--max <n>', 'stop after this many callbacks', parseInteger(1, Number.MAX_SAFE_INTEGER))
    .addHelpText(
      'after',
      helpFooter(
        ['ecwid-instance events listen', 'ecwid-instance events listen --port 9000 --forward http://127.0.0.1:3000/ecwid/events', 'ecwid-instance events listen --json --max 1 > callback.json'],
        KEY_ENVIRONMENT,
      ) +
        '\nEach event is one line on stdout: time, event type, object type, object ID, instance, webhook and signature.\n' +
        'Ctrl+C stops and prints a summary. Exit status: 0 stopped, 2 usage, 3 the address cannot be listened on.\n',
    )
    .action(async (flags: Omit<ListenOptions, never>) => {
      outcome.exitCode = await runs.listen(
        { port: flags.port, host: flags.host, instance: flags.instance, signatureKeyFile: flags.signatureKeyFile, forward: flags.forward, json: flags.json, max: flags.max },
        context,
      );
    });

  keyOptions(
    events
      .command('send')
      .description('Post a sample signed callback to your app, as Cloud Elements would')
      .argument('[url]', "where to post it (default: the instance file's event.notification.callback.url)")
      .addOption(new Option('--event <kind>', 'the kind of event').choices(EVENT_NAMES).default('created'))
      .option('--object-id <id>', 'the order ID the event is about', '1001'),
  )
    .option('--unsigned', 'send no signature header, even when a key is known', false)
    .option('--timeout <seconds>', 'seconds the exchange may take', parseSeconds, DEFAULT_SEND_TIMEOUT_SECONDS)
    .option('--json', 'print one JSON object', false)
    .addHelpText(
      'after',
      helpFooter(['ecwid-instance events send', 'ecwid-instance events send http://127.0.0.1:8787/ --event updated --object-id 42', 'ecwid-instance events send https://example.com/ecwid/events --unsigned'], KEY_ENVIRONMENT) +
        '\nExit status: 0 the app answered 2xx, 2 usage, 3 file system, 4 the app answered 4xx,\n5 it answered 5xx or a redirect (not followed), or the connection failed or timed out.\n',
    )
    .action(async (url: string | undefined, flags: Omit<SendOptions, 'url'>) => {
      outcome.exitCode = await runs.send(
        { url, event: flags.event, objectId: flags.objectId, instance: flags.instance, signatureKeyFile: flags.signatureKeyFile, unsigned: flags.unsigned, timeout: flags.timeout, json: flags.json },
        context,
      );
    });

  keyOptions(
    events
      .command('verify')
      .description("Check a callback body's signature header with the signature key")
      .argument('[body-file]', 'the raw body as received, or - for stdin', '-')
      .requiredOption('--signature <value>', 'the Elements-Webhook-Signature header value (sha256=…)'),
  )
    .addHelpText(
      'after',
      helpFooter(['ecwid-instance events verify body.json --signature "sha256=…"', 'ecwid-instance events verify - --signature "$SIG" --signature-key-file key.txt < body.json'], KEY_ENVIRONMENT) +
        '\nPrints valid (exit 0), or invalid and why (exit 1). Exit status 2: no key, or usage; 3: the body cannot be read.\n',
    )
    .action(async (bodyFile: string, flags: Omit<VerifyOptions, 'bodyFile'>) => {
      outcome.exitCode = await runs.verify({ bodyFile, signature: flags.signature, instance: flags.instance, signatureKeyFile: flags.signatureKeyFile }, context);
    });
  return events;
}
