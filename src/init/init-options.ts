import type { ApiTarget } from '../cloud-elements/environments.js';
import type { AuthType } from '../instance/auth-type.js';
import type { InstanceSettings } from '../instance/build-instance.js';

/** What `init` was given on the command line, as commander parsed it. */
export interface InitOptions {
  output: string;
  /** `--auth custom|oauth2`, checked as it is parsed. */
  auth?: AuthType | undefined;
  clientId?: string | undefined;
  clientSecretFile?: string | undefined;
  redirectUrl?: string | undefined;
  scope?: string | undefined;
  storeId?: string | undefined;
  orderKeyFile?: string | undefined;
  productKeyFile?: string | undefined;
  signatureKeyFile?: string | undefined;
  /** `--generate-signature-key`: a new random key for signing event callbacks. */
  generateSignatureKey: boolean;
  /** `--events` / `--no-events`; undefined when neither was given. */
  events?: boolean | undefined;
  callbackUrl?: string | undefined;
  name?: string | undefined;
  tags: string[];
  environment?: string | undefined;
  baseUrl?: string | undefined;
  force: boolean;
  /** False with `--no-input`. */
  input: boolean;
  json: boolean;
}

/** The values known so far; flags, environment and config fill some, prompts the rest. */
export interface Draft {
  authType?: AuthType | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  redirectUrl?: string | undefined;
  scope?: string | undefined;
  storeId?: string | undefined;
  orderKey?: string | undefined;
  productKey?: string | undefined;
  events?: boolean | undefined;
  callbackUrl?: string | undefined;
  signatureKey?: string | undefined;
  /** Generate a signature key (`--generate-signature-key`, or yes in the wizard). */
  generateSignatureKey?: boolean | undefined;
  name?: string | undefined;
  tags?: string[] | undefined;
}

/** Everything `init` needs, finished: nothing is asked after this. */
export interface InitPlan {
  settings: InstanceSettings;
  /** The path as given, or `-` for stdout. */
  output: string;
  overwrite: boolean;
  target: ApiTarget;
  json: boolean;
  /** Whether `settings.signatureKey` was generated here rather than given. */
  signatureKeyGenerated: boolean;
}
