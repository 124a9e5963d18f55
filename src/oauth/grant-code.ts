import { randomBytes } from 'node:crypto';
import type { PlatformSession } from '../lifecycle/platform-session.js';
import { canPrompt, type Context } from '../context.js';
import { CliError, ExitCode, usageError } from '../errors.js';
import { write } from '../io.js';
import { stripOneTrailingNewline } from '../secrets/secret-list.js';
import { readSecretFile } from '../secrets/secret-input.js';
import { escapeForeign } from '../text/escape.js';
import { asJsonObject } from '../util/json-object.js';
import { fetchAuthorizationUrl } from './authorization-url.js';
import { openInBrowser } from './open-browser.js';
import { readPastedAnswer, refusedError, type RedirectAnswer } from './redirect-answer.js';
import { loopbackAddress } from './redirect-url.js';

/** What `provision` was told about the grant code. */
export interface GrantCodeOptions {
  codeFile?: string | undefined;
  open: boolean;
  authWait: number;
  input: boolean;
  json: boolean;
}

/** A grant code is one token: whitespace means it was not copied whole. */
function checkCode(code: string, source: string): string {
  if (code === '' || /\s/.test(code)) throw usageError(`${source}: the grant code must not be empty or hold spaces or line breaks`);
  return code;
}

/** Where a code can come from without the network: `--code-file`, `ECWID_OAUTH_CODE`. Undefined when neither. */
export async function givenGrantCode(options: Pick<GrantCodeOptions, 'codeFile'>, context: Pick<Context, 'io' | 'cwd' | 'env' | 'secrets'>): Promise<string | undefined> {
  if (options.codeFile !== undefined) return checkCode(await readSecretFile(options.codeFile, '--code-file', context), '--code-file');
  const variable = context.env.ECWID_OAUTH_CODE;
  if (variable) {
    const code = stripOneTrailingNewline(variable);
    context.secrets.add(code);
    return checkCode(code, 'ECWID_OAUTH_CODE');
  }
  return undefined;
}

/** `providerData.code` of the file, when it holds one. */
export function fileGrantCode(body: Record<string, unknown>): string | undefined {
  const code = asJsonObject(body.providerData)?.code;
  return typeof code === 'string' && code !== '' ? code : undefined;
}

/**
 * The store owner's one-time grant code for creating an OAuth2 instance: `--code-file` or
 * `ECWID_OAUTH_CODE`; else `providerData.code` of the file (with a warning: codes are single-use); else,
 * where a person can answer, the authorization in a browser. Never written anywhere or printed.
 */
export async function obtainGrantCode(body: Record<string, unknown>, fileName: string, session: PlatformSession, options: GrantCodeOptions, context: Context): Promise<string> {
  const given = await givenGrantCode(options, context);
  if (given !== undefined) return given;
  const inFile = fileGrantCode(body);
  if (inFile !== undefined) {
    context.secrets.add(inFile);
    await write(context.io.stderr, `warning: using providerData.code from ${escapeForeign(fileName)}: a grant code works once and expires soon; if Cloud Elements refuses it, remove it from the file and run again\n`);
    return inFile;
  }
  if (!canPrompt(context, options)) {
    throw usageError(
      'no OAuth grant code, and nothing can be asked here to get one',
      'Give the store owner\'s code with --code-file <file> (- for stdin) or ECWID_OAUTH_CODE, or run provision in a terminal to authorize in a browser.',
    );
  }
  const code = await authorizeInBrowser(asJsonObject(body.configuration) ?? {}, session, options, context);
  context.secrets.add(code);
  return code;
}

async function authorizeInBrowser(configuration: Record<string, unknown>, session: PlatformSession, options: GrantCodeOptions, context: Context): Promise<string> {
  const text = (key: string): string => (typeof configuration[key] === 'string' ? configuration[key] : '');
  const redirectUrl = text('oauth.callback.url');
  const scope = text('oauth.scope');
  // The state ties the redirect to this run: a page elsewhere cannot hand us a code of its own.
  const state = randomBytes(32).toString('base64url');
  const address = loopbackAddress(redirectUrl);
  // Listening comes first: a port in use stops the run before the store owner is sent anywhere.
  const catcher = address === undefined ? undefined : await (await import('./loopback-catch.js')).catchRedirect(address, state);
  try {
    const url = await fetchAuthorizationUrl(
      session.platform,
      { clientId: text('oauth.api.key'), clientSecret: text('oauth.api.secret'), redirectUrl, state, ...(scope === '' ? {} : { scope }) },
      session.client,
    );
    await write(context.io.stderr, `\nOpen this address in a browser, sign in to the Ecwid store and allow the app:\n  ${escapeForeign(url)}\n\n`);
    if (options.open) await openInBrowser(url, context);
    const wait = `${options.authWait} ${options.authWait === 1 ? 'second' : 'seconds'}`;
    if (catcher !== undefined) {
      await write(context.io.stderr, `Waiting up to ${wait} for the browser to come back to ${escapeForeign(redirectUrl)} …\n`);
      return takeAnswer(await withDeadline(catcher.answer, options.authWait, `no redirect reached ${escapeForeign(redirectUrl)} within ${wait}`));
    }
    return takeAnswer(await askForAnswer(state, options.authWait, wait, context));
  } finally {
    await catcher?.close();
  }
}

function takeAnswer(answer: RedirectAnswer): string {
  if ('error' in answer) throw refusedError(answer);
  return answer.code;
}

const waitHint = 'Nothing was created. Allow more time with --auth-wait <seconds>, or pass the code with --code-file.';

async function withDeadline<T>(promise: Promise<T>, seconds: number, reason: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CliError(ExitCode.unavailable, reason, waitHint)), seconds * 1000);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The masked prompt for a redirect URL that cannot be caught here: the address, or only the code. */
async function askForAnswer(state: string, seconds: number, wait: string, context: Context): Promise<RedirectAnswer> {
  const prompter = await context.prompter();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), seconds * 1000);
  try {
    const pasted = await prompter.password({
      message: 'Paste the address your browser was sent to (or only the code)',
      validate: (value) => {
        const answer = readPastedAnswer(value, state);
        return typeof answer === 'string' ? answer : true;
      },
      signal: deadline.signal,
    });
    const answer = readPastedAnswer(pasted, state);
    if (typeof answer === 'string') throw usageError(`the pasted answer cannot be used: ${answer}`);
    return answer;
  } catch (error) {
    if (deadline.signal.aborted) throw new CliError(ExitCode.unavailable, `no answer was pasted within ${wait}`, waitHint);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
