/**
 * `import()` of a package published only as ES modules (conf, inquirer). It lives in a module of its
 * own because bin/ runs the bundle through a V8 code cache (bin/load-bundle.js), and code compiled
 * that way cannot call import() itself: in the bundle this module is a small CommonJS file beside
 * it (scripts/bundle.js), loaded by Node, whose import() resolves packages from there.
 */
export function importEsm<T>(specifier: string): Promise<T> {
  return import(specifier) as Promise<T>;
}
