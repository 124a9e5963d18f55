import { CliError, ExitCode } from '../errors.js';
import { escapeForeign } from '../text/escape.js';

/** What the browser was sent back with: a grant code, or the store owner's refusal. */
export type RedirectAnswer = { code: string } | { error: string; description: string | undefined };

/** The store owner refused (or Ecwid failed): exit 4, naming the error and its description, escaped. */
export function refusedError(answer: { error: string; description: string | undefined }): CliError {
  const description = answer.description === undefined ? '' : `: ${escapeForeign(answer.description)}`;
  return new CliError(ExitCode.rejected, `the authorization was refused: ${escapeForeign(answer.error)}${description}`, 'Nothing was created. Run provision again to ask the store owner once more.');
}

/**
 * Reads the query of the redirect: `code` or `error` (with `error_description`), and `state`, which
 * must be the one this run made. Returns the reason when it cannot be taken.
 */
export function readRedirectQuery(params: URLSearchParams, state: string): RedirectAnswer | string {
  if (params.get('state') !== state) return 'its state does not match this authorization (an old or foreign address)';
  const error = params.get('error');
  if (error !== null) return { error, description: params.get('error_description') ?? undefined };
  const code = params.get('code');
  if (code === null || code === '') return 'it holds no code';
  return { code };
}

/**
 * A pasted answer: the whole address the browser was sent to (its `state` is checked), or only the
 * code. Returns the reason when it is neither.
 */
export function readPastedAnswer(text: string, state: string): RedirectAnswer | string {
  const value = text.trim();
  if (value === '') return 'paste the address, or the code';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value.startsWith('/') || value.startsWith('?')) {
    let url: URL;
    try {
      url = new URL(value, 'http://pasted.invalid');
    } catch {
      return 'this is not an address';
    }
    const answer = readRedirectQuery(url.searchParams, state);
    return typeof answer === 'string' ? `this address cannot be used: ${answer}` : answer;
  }
  if (/\s/.test(value)) return 'a code holds no spaces: paste the address, or only the code';
  return { code: value };
}
