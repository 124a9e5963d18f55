import type { PlatformFlags } from '../lifecycle/lifecycle-options.js';

/** What `provision` was asked to do, and what it reports; read by the command and its steps. */
export interface ProvisionOptions extends PlatformFlags {
  /** The instance file, or `-` for stdin. */
  file: string;
  dryRun: boolean;
  ifAbsent: boolean;
  /** Look the instance up by name (or `--id`); change it when found, create it when not. */
  update: boolean;
  /** With `--if-absent` or `--update`: the instance with this id, instead of a lookup by name. */
  id?: string | undefined;
  tokenFile?: string | undefined;
  /** Replace an existing `--token-file`. */
  force: boolean;
  /** OAuth2: read the store owner's grant code from this file (`-` for stdin). */
  codeFile?: string | undefined;
  /** OAuth2: open the authorization page in the default browser. */
  open: boolean;
  /** OAuth2: seconds to wait for the browser's redirect or a pasted answer. */
  authWait: number;
}

/**
 * The `provision --json` document; `alreadyExists` only when `--if-absent` found the instance,
 * `updated` only when `--update` changed it.
 */
export interface ProvisionReport {
  id: string | number;
  name: string;
  element: 'ecwid';
  environment: string;
  tokenFile: string | null;
  alreadyExists?: true;
  updated?: true;
}
