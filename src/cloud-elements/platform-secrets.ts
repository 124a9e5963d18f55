import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { holdsSpaceOrControl, stripOneTrailingNewline } from '../secrets/secret-list.js';
import { readSecretFile } from '../secrets/secret-input.js';
import type { PlatformSecrets } from './request.js';

/** Where each platform secret may come from; never a flag's value. */
const SOURCES = [
  { key: 'user', label: 'user secret', variable: 'CLOUD_ELEMENTS_USER_SECRET', flag: '--user-secret-file' },
  { key: 'organization', label: 'organization secret', variable: 'CLOUD_ELEMENTS_ORG_SECRET', flag: '--org-secret-file' },
] as const;

export interface SecretFiles {
  userSecretFile?: string | undefined;
  orgSecretFile?: string | undefined;
}

export interface GatherSecretsOptions {
  /** Ask on the terminal for a secret nothing else supplied. */
  prompt: boolean;
  /** A missing secret is a usage error (exit 2); otherwise it is left out (a dry run). */
  required: boolean;
}

type SecretsContext = Pick<Context, 'io' | 'env' | 'cwd' | 'prompter' | 'secrets'>;

/**
 * The Cloud Elements user and organization secrets: `--…-file` flag > environment variable > masked
 * prompt. Gathered before anything is sent, so the work that follows never prompts. When `required`,
 * both are there (or it threw).
 */
export async function gatherPlatformSecrets(files: SecretFiles, context: SecretsContext, options: GatherSecretsOptions & { required: true }): Promise<PlatformSecrets>;
export async function gatherPlatformSecrets(files: SecretFiles, context: SecretsContext, options: GatherSecretsOptions): Promise<Partial<PlatformSecrets>>;
export async function gatherPlatformSecrets(files: SecretFiles, context: SecretsContext, options: GatherSecretsOptions): Promise<Partial<PlatformSecrets>> {
  const found: Partial<PlatformSecrets> = {};
  for (const source of SOURCES) {
    const file = source.key === 'user' ? files.userSecretFile : files.orgSecretFile;
    let value: string | undefined;
    if (file !== undefined) value = checkSecret(await readSecretFile(file, source.flag, context), source.flag);
    else if (context.env[source.variable]) value = checkSecret(stripOneTrailingNewline(context.env[source.variable] ?? ''), source.variable);
    if (value !== undefined) found[source.key] = value;
  }
  const missing = SOURCES.filter((source) => found[source.key] === undefined);
  if (missing.length > 0 && options.prompt) {
    const prompter = await context.prompter();
    for (const source of missing) {
      const answer = await prompter.password({ message: `Cloud Elements ${source.label}`, validate: (value) => secretProblem(value) ?? true });
      found[source.key] = answer;
    }
  } else if (missing.length > 0 && options.required) {
    const names = `the Cloud Elements ${missing.map((source) => source.label).join(' and ')}`;
    const ways = missing.map((source) => `${source.variable} or ${source.flag} <file>`).join('; ');
    throw usageError(`missing ${names}`, `Set ${ways} (a file path, or - for stdin). Secrets are never taken as a flag's value.`);
  }
  return found;
}

/** For a dry run without them: one warning line per missing secret, saying where it may come from. */
export function missingSecretWarnings(found: Partial<PlatformSecrets>): string {
  return SOURCES.filter((source) => found[source.key] === undefined)
    .map((source) => `warning: no ${source.label} (${source.variable} or ${source.flag}): a real run would stop here\n`)
    .join('');
}

/** Why a value cannot be a platform secret (it travels in a header), naming no part of it. */
function secretProblem(value: string): string | undefined {
  if (value === '') return 'the secret must not be empty';
  if (holdsSpaceOrControl(value)) return 'the secret must not contain spaces, line breaks or control characters';
  return undefined;
}

function checkSecret(value: string, source: string): string {
  const problem = secretProblem(value);
  if (problem) throw usageError(`${source}: ${problem}`);
  return value;
}
