/** The page where a logged-in store owner finds the Order and Product API secrets. */
export function legacyApiKeyUrl(storeId: string): string {
  return `https://my.ecwid.com/store/${encodeURIComponent(storeId)}#legacy_api`;
}

/** The Cloud Elements events endpoint for Ecwid, pasted into Ecwid's "ION Cannon endpoint URL" field. */
export function ionCannonUrl(apiHost: string): string {
  return `${apiHost}/elements/api-v2/events/ecwid`;
}
