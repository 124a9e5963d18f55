/** What `provision` was asked to do, and what it reports; read by the command and its steps. */
export interface ProvisionOptions {
  /** The instance file, or `-` for stdin. */
  file: string;
  environment?: string | undefined;
  baseUrl?: string | undefined;
  userSecretFile?: string | undefined;
  orgSecretFile?: string | undefined;
  dryRun: boolean;
  ifAbsent: boolean;
  tokenFile?: string | undefined;
  /** Replace an existing `--token-file`. */
  force: boolean;
  /** Seconds each exchange with Cloud Elements may take, body included. */
  timeout: number;
  json: boolean;
  /** `false` with `--no-input`: never prompt. */
  input: boolean;
}

/** The `provision --json` document; `alreadyExists` only when `--if-absent` found the instance. */
export interface ProvisionReport {
  id: string | number;
  name: string;
  element: 'ecwid';
  environment: string;
  tokenFile: string | null;
  alreadyExists?: true;
}
