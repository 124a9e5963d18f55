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
