/**
 * What each key of the schema expects, as problem messages say it (`ecwid.store.id must be …`). They
 * live here rather than in the shipped schema, so that the schema holds only standard keywords and
 * compiles in any validator's strict mode. Keyed by the key's pointer, with `*` for any array item;
 * a test holds this table and the schema's properties to the same keys.
 */
export const EXPECTED_TEXTS: Readonly<Record<string, string>> = {
  '': 'a JSON object with element, configuration and name',
  '/$schema': 'a string (the path or URL of this schema)',
  '/element': 'an object such as {"key": "ecwid"}',
  '/element/key': '"ecwid"',
  '/configuration': 'an object of configuration keys',
  '/configuration/ecwid.store.id': 'a string of at most 128 digits, such as "4870020"',
  '/configuration/ecwid.order.key': 'a non-empty string of at most 128 characters without whitespace',
  '/configuration/ecwid.product.key': 'a non-empty string of at most 128 characters without whitespace',
  '/configuration/event.notification.enabled': '"true" or "false"',
  '/configuration/event.notification.callback.url': 'an absolute http(s) URL, such as "https://example.com/ecwid/events"',
  '/configuration/event.notification.signature.key': 'a non-empty string of at most 128 characters without whitespace',
  '/configuration/event.notification.basic.username': 'a non-empty string',
  '/configuration/event.notification.basic.password': 'a non-empty string of at most 128 characters without whitespace',
  '/configuration/event.notification.type': '"webhook"',
  '/configuration/event.vendor.type': '"webhook" or "polling"',
  '/configuration/event.poller.refresh_interval': 'a whole number of minutes as a string, such as "15"',
  '/configuration/event.poller.configuration': 'an object or a JSON string',
  '/configuration/filter.response.nulls': '"true" or "false"',
  '/configuration/authentication.type': '"custom" or "oauth2"',
  '/configuration/oauth.api.key': 'a non-empty string of at most 128 characters without whitespace (the Ecwid app\'s client ID)',
  '/configuration/oauth.api.secret': 'a non-empty string of at most 128 characters without whitespace',
  '/configuration/oauth.callback.url':
    'an absolute https URL, such as "https://example.com/oauth/callback" (http only for this machine, such as "http://localhost:8787/callback")',
  '/configuration/oauth.scope': 'scope names separated by spaces, such as "read_store_profile read_orders"',
  '/tags': 'an array of distinct non-empty strings',
  '/tags/*': 'a non-empty string',
  '/name': 'a non-empty string',
  '/providerData': 'an object such as {"code": "..."}',
  '/providerData/code': 'a non-empty string of at most 2048 characters without whitespace (the grant code)',
  '/externalAuthentication': 'a string such as "initial"',
  '/retrieveObjectsAfterInstantiation': 'true or false',
};
