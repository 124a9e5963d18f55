import { lstat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { cleanText } from '../cloud-elements/api-error.js';
import type { ApiTarget } from '../cloud-elements/environments.js';
import { missingSecretWarnings } from '../cloud-elements/platform-secrets.js';
import { dryRunRequest, formatRequest, INSTANCES_PATH, instanceBody, type InstanceBody, type PlatformSecrets } from '../cloud-elements/request.js';
import type { Context } from '../context.js';
import { CliError, ExitCode } from '../errors.js';
import { checkWritablePath } from '../fs/check-output-path.js';
import { probeFolderWritable } from '../fs/probe-folder.js';
import { write } from '../io.js';
import { readInstanceFile } from '../instance/read-instance-file.js';
import { asJsonObject } from '../util/json-object.js';
import type { ProvisionOptions, ProvisionReport } from './provision-options.js';
import { holdsSpaceOrControl, type SecretList } from '../secrets/secret-list.js';
import { plural } from '../validation/reporting/summary.js';
import { textReporter } from '../validation/reporting/text.js';
import { escapeFileName, escapeForeign, toJson } from '../text/escape.js';

/**
 * Reads the instance file and applies the `validate` checks. Every problem is shown on stderr in the
 * text format; any error stops the run (exit 1) before anything is sent. Returns the body to send.
 */
export async function readCheckedInstance(path: string, context: Pick<Context, 'io' | 'cwd' | 'secrets'>): Promise<InstanceBody> {
  const file = await readInstanceFile(path, context);
  const problems = file.result.problems;
  if (problems.length > 0) await write(context.io.stderr, textReporter({ quiet: true, color: context.io.colorStderr }).file(file.result));
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const data = asJsonObject(file.data);
  // A file that is not a JSON object always has a schema error: `data` is then only narrowed.
  if (errors > 0 || data === undefined) {
    throw new CliError(ExitCode.invalid, `${escapeFileName(file.name)} is not a valid instance (${plural(errors, 'error')}): nothing was sent`, 'Fix the problems above; `ecwid-instance validate` checks the file again.');
  }
  const depth = nestingDepth(data, MAX_NESTING);
  if (depth > MAX_NESTING) {
    throw new CliError(ExitCode.invalid, `${escapeFileName(file.name)} nests values more than ${MAX_NESTING} levels deep: nothing was sent`, 'An instance is a few levels deep; remove the deeply nested value (`ecwid-instance validate` names unknown keys).');
  }
  return instanceBody(data);
}

/** An instance is 3 levels deep; far deeper cannot be serialized to send (nor meant to be). */
const MAX_NESTING = 64;

/** How deep objects and arrays nest in `value`, counted up to `limit + 1` at most; iterative. */
function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

const TOKEN_FLAG = '--token-file';

/**
 * Checks before anything is sent that the token can be written there, so that a created instance's
 * token is not lost to a typo in the path or a folder that takes no files (read-only, `/proc`), and
 * that no earlier token is lost: an existing file is replaced only with `--force`.
 */
export async function checkTokenFile(path: string, cwd: string, force: boolean): Promise<string> {
  const full = resolve(cwd, path);
  await checkWritablePath(full, { overwrite: force, flag: TOKEN_FLAG, shown: path });
  await probeFolderWritable(full, { flag: TOKEN_FLAG, shown: path });
  return full;
}

/**
 * `--update` found nothing to update and is about to create: an earlier token file (of an instance
 * that is no longer found by this name) is kept unless `--force`, and nothing is sent.
 */
export async function checkTokenFileAbsent(fullPath: string, shown: string | undefined): Promise<void> {
  const exists = await lstat(fullPath).then(
    () => true,
    () => false,
  );
  if (exists) {
    throw new CliError(
      ExitCode.fileSystem,
      `${shown} already exists, and no instance was found to update: nothing was sent`,
      'Creating the instance would replace that token file: use --force to replace it, or choose another --token-file.',
    );
  }
}

/** `--dry-run`: the request that would be sent, every secret masked. Sends nothing. */
export async function printDryRun(
  target: ApiTarget,
  body: InstanceBody,
  secrets: Partial<PlatformSecrets>,
  options: Pick<ProvisionOptions, 'json' | 'ifAbsent'> & { pendingGrantCode?: boolean },
  context: Pick<Context, 'io' | 'version' | 'secrets'>,
): Promise<number> {
  const request = dryRunRequest(target.host, body, secrets, context.version, context.secrets);
  // An OAuth2 grant code is obtained only by a real run: the dry run says so where it would be.
  if (options.pendingGrantCode) request.json = { ...(request.json as InstanceBody), providerData: { ...asJsonObject(body.providerData), code: '<obtained at run time>' } };
  const text = options.json
    ? `${toJson({ method: request.method, url: request.url, headers: request.headers, body: request.json }, 2)}\n`
    : formatRequest(request);
  await write(context.io.stdout, text);
  let notes = missingSecretWarnings(secrets);
  if (options.ifAbsent) notes += `note: --if-absent would first look for an instance of that name (GET ${INSTANCES_PATH})\n`;
  if (options.pendingGrantCode) notes += 'note: a real run obtains the grant code (--code-file, ECWID_OAUTH_CODE, or the store owner in a browser)\n';
  await write(context.io.stderr, `${notes}Dry run: nothing was sent.\n`);
  return 0;
}

/** A progress line, for a person at a terminal only. */
export async function progress(context: Pick<Context, 'io'>, options: Pick<ProvisionOptions, 'json'>, text: string): Promise<void> {
  // The text quotes names from the file and ids from the platform: escaped as a whole.
  if (context.io.stderrIsTTY && !options.json) await write(context.io.stderr, `${escapeForeign(text)}\n`);
}

/**
 * Writes the instance token (mode 0600, atomically). Returns the error to report after the result is
 * printed: the instance exists by then, so its id must still be shown.
 */
export async function saveToken(
  token: string | undefined,
  file: { fullPath: string | undefined; shownPath: string | undefined; force: boolean },
  secrets: SecretList,
): Promise<CliError | undefined> {
  const { fullPath, shownPath } = file;
  if (fullPath === undefined) return undefined;
  if (token === undefined) return new CliError(ExitCode.unavailable, `Cloud Elements returned no instance token: ${escapeFileName(shownPath ?? '')} was not written`);
  // Written as one line: a line break or control character would make the file say something else.
  if (holdsSpaceOrControl(token)) {
    return new CliError(ExitCode.unavailable, `Cloud Elements returned an instance token holding spaces, line breaks or control characters: ${escapeFileName(shownPath ?? '')} was not written`);
  }
  const { writeFileAtomic } = await import('../fs/write-file-atomic.js');
  try {
    await writeFileAtomic(fullPath, `${token}\n`, { mode: 0o600, overwrite: file.force, flag: TOKEN_FLAG, shown: shownPath });
    return undefined;
  } catch (error) {
    const message = cleanText(error instanceof Error ? error.message : String(error), secrets) ?? 'cannot write the token file';
    return new CliError(error instanceof CliError ? error.exitCode : ExitCode.fileSystem, message, 'The instance was created, but its token was not saved.');
  }
}

/** The outcome: one line (or the JSON report) on stdout, and where the token went on stderr. */
export async function printResult(
  report: ProvisionReport,
  options: Pick<ProvisionOptions, 'json' | 'tokenFile'>,
  context: Pick<Context, 'io'>,
  secrets: SecretList,
): Promise<void> {
  const id = typeof report.id === 'string' ? (cleanText(report.id, secrets) ?? '') : report.id;
  const safe = { ...report, id, name: cleanText(report.name, secrets) ?? '' };
  if (options.json) {
    await write(context.io.stdout, `${toJson(safe, 2)}\n`);
    return;
  }
  const line = report.alreadyExists
    ? `Instance ${safe.id} "${safe.name}" already exists`
    : report.updated
      ? `Updated instance ${safe.id} "${safe.name}"`
      : `Created instance ${safe.id} "${safe.name}"`;
  await write(context.io.stdout, `${line}\n`);
  if (report.alreadyExists) return;
  if (report.updated) {
    // An update leaves the instance's token as it was: an earlier --token-file still holds it.
    if (options.tokenFile !== undefined) await write(context.io.stderr, `The instance token is unchanged; ${escapeFileName(options.tokenFile)} was not written.\n`);
    return;
  }
  if (options.tokenFile === undefined) await write(context.io.stderr, 'The instance token was not saved (use --token-file <file> to keep it).\n');
  else if (report.tokenFile !== null) await write(context.io.stderr, `Token written to ${escapeFileName(report.tokenFile)} (mode 0600).\n`);
}
