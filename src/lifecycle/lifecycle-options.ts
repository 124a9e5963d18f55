import type { SecretFiles } from '../cloud-elements/platform-secrets.js';

/** The flags every command that talks to the Platform API shares. */
export interface PlatformFlags extends SecretFiles {
  environment?: string | undefined;
  baseUrl?: string | undefined;
  /** Seconds each exchange with Cloud Elements may take, body included. */
  timeout: number;
  json: boolean;
  /** `false` with `--no-input`: never prompt. */
  input: boolean;
}

/** What `status` was asked to do. */
export interface StatusOptions extends PlatformFlags {
  /** The instance file, or `-` for stdin. */
  file: string;
  /** Look the instance up by id instead of by the file's name. */
  id?: string | undefined;
  /** Exit 1 when the instance is missing or differs from the file (for CI). */
  check: boolean;
}

/** What `delete` was asked to do. */
export interface DeleteOptions extends PlatformFlags {
  /** The instance file (or `-` for stdin), read only for its name; not read with `--id`. */
  file: string;
  /** The instance with this id, instead of a lookup by the file's name. */
  id?: string | undefined;
  /** Delete without asking; needed when nothing may be asked. */
  yes: boolean;
}
