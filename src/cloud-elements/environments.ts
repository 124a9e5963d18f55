import { usageError } from '../errors.js';
import type { Env } from '../io.js';
import { isLoopbackHost } from '../util/url-safety.js';
import type { ConfigValues } from '../config/key-names.js';
import { quoteForeign } from '../text/escape.js';

/** Cloud Elements API hosts by environment name: the named ones. */
export const ENVIRONMENTS = {
  us: 'https://api.cloud-elements.com',
  eu: 'https://api.cloud-elements.co.uk',
  staging: 'https://staging.cloud-elements.com',
  'sap-us2': 'https://api.openconnectors.us2.ext.hana.ondemand.com',
  'sap-eu10': 'https://api.openconnectors.eu10.ext.hana.ondemand.com',
} as const;

/** A named environment, or an SAP region's (`sap-us10`, `sap-trial-ap21`). */
export type EnvironmentName = string;
export const ENVIRONMENT_NAMES = Object.keys(ENVIRONMENTS) as (keyof typeof ENVIRONMENTS)[];
export const DEFAULT_ENVIRONMENT = 'us';

/** The SAP Open Connectors regions, as their host names spell them: two letters and one or two digits. */
const SAP_REGION = /^sap-(trial-)?([a-z]{2}\d{1,2})$/;

/** The names and patterns an environment may have, for help and errors. */
export const ENVIRONMENT_CHOICES = `${ENVIRONMENT_NAMES.join(', ')}, sap-<region> or sap-trial-<region> (a region is two letters and one or two digits, such as us10)`;

export interface ApiTarget {
  /** The environment's name, or "custom" when a base URL was given. */
  environment: EnvironmentName | 'custom';
  /** The API host without a trailing slash, e.g. `https://api.cloud-elements.com`. */
  host: string;
}

/** The API host of an environment name, or undefined for a name that is none. */
export function environmentHost(name: string): string | undefined {
  if (Object.hasOwn(ENVIRONMENTS, name)) return ENVIRONMENTS[name as keyof typeof ENVIRONMENTS];
  const sap = SAP_REGION.exec(name);
  if (sap === null) return undefined;
  return `https://api.openconnectors.${sap[1] === undefined ? '' : 'trial.'}${sap[2]}.ext.hana.ondemand.com`;
}

export function isEnvironmentName(value: string): boolean {
  return environmentHost(value) !== undefined;
}

export function checkEnvironmentName(value: string, source = '--environment'): EnvironmentName {
  if (isEnvironmentName(value)) return value;
  throw usageError(`${source}: unknown environment ${quoteForeign(value)}`, `Use one of: ${ENVIRONMENT_CHOICES}; or --base-url for another host.`);
}

/**
 * Checks a base URL: absolute http(s), and plain http only for this machine, since platform secrets
 * travel with every request. Returns it without a trailing slash.
 */
export function checkBaseUrl(value: string, source = '--base-url'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`${source}: ${quoteForeign(value)} is not an absolute URL`, 'Give the API host, such as https://api.cloud-elements.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw usageError(`${source}: only https:// URLs are accepted (got ${url.protocol})`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw usageError(`${source}: plain http:// is accepted only for localhost; secrets would travel in clear`, 'Use https://.');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw usageError(`${source}: give only the scheme, host and path of the API host`);
  }
  return url.href.replace(/\/+$/, '');
}

/** The API host as `--environment` and `--base-url` choose it. */
export interface ApiTargetDefaults {
  environment?: string | undefined;
  baseUrl?: string | undefined;
}

/**
 * The API host: `--base-url` or `--environment` (not both) > `CLOUD_ELEMENTS_BASE_URL` >
 * `CLOUD_ELEMENTS_ENVIRONMENT` > config > `us`. The variables may both be set: the base URL wins, as
 * documented. The config store is read, by `readConfig`, only when no flag or variable decides; a
 * command that has read it already hands its values over instead.
 */
export async function findApiTarget(
  flags: ApiTargetDefaults,
  env: Env,
  readConfig: () => ConfigValues | Promise<ConfigValues> = async () => (await import('../config/store.js')).readConfigValues(env),
): Promise<ApiTarget> {
  return decidedTarget(flags, env) ?? fromConfig(await readConfig());
}

/**
 * The API host when a flag, a variable or the config store names one; undefined when only the default
 * would (the init wizard then asks).
 */
export function findChosenApiTarget(flags: ApiTargetDefaults, env: Env, config: ConfigValues): ApiTarget | undefined {
  return decidedTarget(flags, env) ?? configuredTarget(config);
}

/** The API host of a named environment. */
export function namedTarget(environment: EnvironmentName): ApiTarget {
  return named(checkEnvironmentName(environment));
}

/** The target a flag or an environment variable decides, if any. */
function decidedTarget(flags: ApiTargetDefaults, env: Env): ApiTarget | undefined {
  if (flags.baseUrl !== undefined && flags.environment !== undefined) {
    throw usageError('--environment and --base-url cannot be used together', 'Pick one: --environment for a Cloud Elements environment, or --base-url for another API host.');
  }
  if (flags.baseUrl !== undefined) return { environment: 'custom', host: checkBaseUrl(flags.baseUrl) };
  if (flags.environment !== undefined) return named(checkEnvironmentName(flags.environment));
  if (env.CLOUD_ELEMENTS_BASE_URL) return { environment: 'custom', host: checkBaseUrl(env.CLOUD_ELEMENTS_BASE_URL, 'CLOUD_ELEMENTS_BASE_URL') };
  if (env.CLOUD_ELEMENTS_ENVIRONMENT) return named(checkEnvironmentName(env.CLOUD_ELEMENTS_ENVIRONMENT, 'CLOUD_ELEMENTS_ENVIRONMENT'));
  return undefined;
}

function configuredTarget(config: ConfigValues): ApiTarget | undefined {
  if (config['base-url'] !== undefined) return { environment: 'custom', host: checkBaseUrl(config['base-url'], 'config base-url') };
  if (config.environment !== undefined) return named(checkEnvironmentName(config.environment, 'config environment'));
  return undefined;
}

function fromConfig(config: ConfigValues): ApiTarget {
  return configuredTarget(config) ?? named(DEFAULT_ENVIRONMENT);
}

/** A name that checkEnvironmentName (or the default) vouched for. */
function named(environment: EnvironmentName): ApiTarget {
  const host = environmentHost(environment);
  if (host === undefined) throw new Error(`unchecked environment name ${environment}`);
  return { environment, host };
}
