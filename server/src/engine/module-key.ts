import * as path from 'node:path';

const SOURCE_EXTENSION = /\.(d\.)?[cm]?[jt]sx?$/;

/**
 * A file as a module: slashes, no extension, no trailing `/index`. `src/routes/users.ts`,
 * `src/routes/users/index.ts` and an import of `./routes/users.js` all come to `src/routes/users`.
 */
export function moduleKey(filePath: string): string {
  return filePath.split(path.sep).join('/').replace(SOURCE_EXTENSION, '').replace(/\/index$/, '');
}

/**
 * The module an import names, from the importing file: relative specifiers are resolved; a path
 * alias (`@/routes/users`) can't be without the tsconfig, so it is kept as a suffix to match (`/routes/users`).
 */
export function importedModuleKey(importer: string, specifier: string): { key: string } | { suffix: string } {
  if (specifier.startsWith('.')) return { key: moduleKey(path.posix.join(path.posix.dirname(moduleKeyDir(importer)), specifier)) };
  return { suffix: `/${moduleKey(specifier.replace(/^[@~#]\//, ''))}` };
}

function moduleKeyDir(importer: string): string {
  return importer.split(path.sep).join('/');
}

export function keyMatches(target: { key: string } | { suffix: string }, key: string): boolean {
  return 'key' in target ? target.key === key : key.endsWith(target.suffix);
}
