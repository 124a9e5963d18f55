import type { Context } from '../context.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import { write } from '../io.js';
import { describeCause, MIB, readBody } from '../cloud-elements/read-body.js';
import { checkOneStdinReader } from '../secrets/secret-input.js';
import { escapeForeign, toJson } from '../text/escape.js';
import { isLoopbackHost } from '../util/url-safety.js';
import { signWebhookBody, SIGNATURE_HEADER, WEBHOOK_ID_HEADER } from '../webhooks/signature.js';
import type { SendOptions } from './events-options.js';
import { sampleCallback, sampleIds } from './sample-callback.js';
import { findSignatureKey, instanceOnce } from './signature-key.js';

/** How much of the app's answer is shown. */
const SHOWN_ANSWER_CHARACTERS = 200;

/** The `events send --json` document. */
export interface SendReport {
  url: string;
  status: number;
  statusText: string;
  ms: number;
  signed: boolean;
  webhookId: string;
  eventId: string;
  /** Up to 200 characters of the answer. */
  answer: string;
}

/**
 * `events send`: posts one sample callback, signed when a key is known, and reports the app's answer.
 * Exit 0 on 2xx, 4 on 4xx; 5 on 5xx, a redirect (not followed), a timeout or a failed connection.
 */
export async function runSend(options: SendOptions, context: Context): Promise<number> {
  checkOneStdinReader([
    ['--signature-key-file', options.signatureKeyFile],
    ['--instance', options.instance],
  ]);
  if (options.unsigned && options.signatureKeyFile !== undefined) throw usageError('--unsigned and --signature-key-file contradict each other', 'Give one of them.');
  const instance = instanceOnce(options, context);
  const url = await findUrl(options, instance);
  const known = options.unsigned ? undefined : await findSignatureKey(options, context, instance);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    await write(context.io.stderr, `warning: ${escapeForeign(url.origin)} is plain http: the callback travels unencrypted; your app's callback URL should use https\n`);
  }
  if (known === undefined && !options.unsigned) {
    await write(context.io.stderr, 'note: no signature key is known, so the callback is sent unsigned (give one with --signature-key-file, ECWID_SIGNATURE_KEY or --instance)\n');
  }

  const ids = sampleIds();
  const body = JSON.stringify(sampleCallback(options, new Date(), ids));
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': `ecwid-instance/${context.version}`, [WEBHOOK_ID_HEADER]: ids.webhookId };
  if (known !== undefined) headers[SIGNATURE_HEADER] = signWebhookBody(body, known.key);

  const shownUrl = escapeForeign(url.href);
  const started = performance.now();
  const signal = AbortSignal.timeout(options.timeout * 1000);
  const late = (): CliError => new CliError(ExitCode.unavailable, `POST ${shownUrl}: no answer within ${options.timeout} ${options.timeout === 1 ? 'second' : 'seconds'}`, 'Is the app running and answering? Allow more time with --timeout <seconds>.');
  let response: Response;
  try {
    response = await context.fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal });
  } catch (error) {
    if (signal.aborted) throw late();
    throw new CliError(ExitCode.unavailable, `POST ${shownUrl}: ${describeCause(error)}`, 'Is the app running, and is the URL right?');
  }
  const answer = await readBody(response, MIB, signal);
  if (!answer.ok && answer.problem === 'timeout') throw late();
  const ms = Math.round(performance.now() - started);
  // A final line break ends the answer rather than being part of it.
  const text = answer.ok ? new TextDecoder().decode(answer.bytes).replace(/\r?\n$/, '') : `(${answer.reason})`;
  const report: SendReport = {
    url: url.href,
    status: response.status,
    statusText: response.statusText,
    ms,
    signed: known !== undefined,
    webhookId: ids.webhookId,
    eventId: ids.eventId,
    answer: shorten(text),
  };
  if (options.json) {
    await write(context.io.stdout, `${toJson(report)}\n`);
  } else {
    const answerLine = report.answer === '' ? '' : `${escapeForeign(report.answer)}\n`;
    await write(context.io.stdout, `POST ${shownUrl}: ${response.status} ${escapeForeign(response.statusText)} in ${ms} ms\n${answerLine}`);
  }
  return exitCodeFor(response, context);
}

function shorten(text: string): string {
  const characters = [...text];
  return characters.length <= SHOWN_ANSWER_CHARACTERS ? text : `${characters.slice(0, SHOWN_ANSWER_CHARACTERS).join('')}…`;
}

async function exitCodeFor(response: Response, context: Context): Promise<number> {
  const { status } = response;
  if (status >= 200 && status < 300) return ExitCode.ok;
  if (status >= 300 && status < 400) {
    const location = response.headers.get('location');
    await write(context.io.stderr, `error: the app answered with a redirect${location ? ` to ${escapeForeign(location)}` : ''}, which is not followed: Cloud Elements would not follow it either; give the final URL\n`);
    return ExitCode.unavailable;
  }
  return status >= 400 && status < 500 ? ExitCode.rejected : ExitCode.unavailable;
}

/** The URL argument, else the instance file's callback URL; it must be absolute http(s). */
async function findUrl(options: SendOptions, instance: ReturnType<typeof instanceOnce>): Promise<URL> {
  let text = options.url;
  let from = 'the URL';
  if (text === undefined) {
    const file = await instance();
    if (file?.callbackUrl === undefined) {
      throw usageError(
        file === undefined ? 'no URL to send to, and no ./instance.json' : `no URL to send to: ${escapeForeign(file.name)} has no event.notification.callback.url`,
        'Give the URL: ecwid-instance events send http://127.0.0.1:8787/',
      );
    }
    text = file.callbackUrl;
    from = `${escapeForeign(file.name)}'s callback URL`;
  }
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw usageError(`${from} ${escapeForeign(text)} is not an absolute http(s) URL`);
  return url;
}
