import { exchangeFacts, transportError } from '../cloud-elements/api-error.js';
import { callPlatform } from '../cloud-elements/client.js';
import type { InstanceClientOptions, PlatformTarget } from '../cloud-elements/instances.js';
import type { PlatformRequest } from '../cloud-elements/request.js';
import { asJsonObject } from '../util/json-object.js';

/** The Platform API's authorization-page resource for the Ecwid element, below the API host. */
export const OAUTH_URL_PATH = '/elements/api-v2/elements/ecwid/oauth/url';

/** An answer is a short JSON object; more is not an answer to read. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** What the authorization page is asked for: the Ecwid app, where Ecwid sends the browser, and a fresh state. */
export interface AuthorizationRequest {
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  state: string;
  scope?: string | undefined;
}

/**
 * `GET …/elements/ecwid/oauth/url?apiKey&apiSecret&callbackUrl&state[&scope]`, with the platform
 * credentials as for the create. The client secret travels in the query, as the platform asks: every
 * error is redacted with the run's secret list, which holds it.
 */
export function authorizationUrlRequest(target: PlatformTarget, request: AuthorizationRequest): PlatformRequest {
  const url = new URL(`${target.host}${OAUTH_URL_PATH}`);
  url.searchParams.set('apiKey', request.clientId);
  url.searchParams.set('apiSecret', request.clientSecret);
  url.searchParams.set('callbackUrl', request.redirectUrl);
  url.searchParams.set('state', request.state);
  if (request.scope !== undefined) url.searchParams.set('scope', request.scope);
  return {
    method: 'GET',
    url: url.href,
    headers: {
      Authorization: `User ${target.secrets.user}, Organization ${target.secrets.organization}`,
      Accept: 'application/json',
      'User-Agent': `ecwid-instance/${target.version}`,
    },
  };
}

/** The Ecwid page where the store owner allows the app, as Cloud Elements builds it (`oauthUrl`). */
export async function fetchAuthorizationUrl(target: PlatformTarget, request: AuthorizationRequest, options: InstanceClientOptions): Promise<string> {
  const call = authorizationUrlRequest(target, request);
  const { data } = await callPlatform(call, { ...options, maxBytes: MAX_RESPONSE_BYTES });
  const oauthUrl = asJsonObject(data)?.oauthUrl;
  let url: URL | undefined;
  try {
    url = typeof oauthUrl === 'string' ? new URL(oauthUrl) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw transportError('Cloud Elements answered without an authorization address (oauthUrl)', exchangeFacts({ method: 'GET', url: `${target.host}${OAUTH_URL_PATH}` }, options.secrets), { mayHaveArrived: false });
  }
  return url.href;
}
