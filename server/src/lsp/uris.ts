import { fileURLToPath, pathToFileURL } from 'node:url';

/** file: URIs <-> paths. Client URIs of open documents are kept as the client sent them. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}
