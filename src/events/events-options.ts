/** Where an `events` command finds the signature key and the instance file. */
export interface KeyOptions {
  /** `--instance <file>`; undefined means ./instance.json when it exists. */
  instance?: string | undefined;
  /** `--signature-key-file <file>` (a path, or `-` for stdin). */
  signatureKeyFile?: string | undefined;
}

/** `events listen`. */
export interface ListenOptions extends KeyOptions {
  port: number;
  host: string;
  /** Relay each accepted callback to this URL and answer with its status. */
  forward?: string | undefined;
  json: boolean;
  /** Stop after this many callbacks. */
  max?: number | undefined;
}

/** `events send`. */
export interface SendOptions extends KeyOptions {
  /** The URL to post to; undefined means the instance file's callback URL. */
  url?: string | undefined;
  event: 'created' | 'updated' | 'deleted';
  objectId?: string | undefined;
  /** Send no signature header, even when a key is known. */
  unsigned: boolean;
  /** Seconds the whole exchange may take. */
  timeout: number;
  json: boolean;
}

/** `events verify`. */
export interface VerifyOptions extends KeyOptions {
  /** The body file, or `-` for stdin. */
  bodyFile: string;
  /** The `Elements-Webhook-Signature` header value to check. */
  signature: string;
}

export const EVENT_NAMES = ['created', 'updated', 'deleted'] as const;
export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_SEND_TIMEOUT_SECONDS = 10;
