/** The non-secret defaults the config store may hold. */
export const CONFIG_KEYS = ['auth', 'store-id', 'client-id', 'redirect-url', 'callback-url', 'environment', 'base-url', 'name', 'tags'] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];
export type ConfigValues = Partial<Record<ConfigKey, string>>;

export function isConfigKey(key: string): key is ConfigKey {
  return (CONFIG_KEYS as readonly string[]).includes(key);
}

/** The keys as help lists them. */
export const CONFIG_KEYS_HELP = CONFIG_KEYS.map((key) => (key === 'tags' ? 'tags (comma-separated)' : key)).join(', ');
