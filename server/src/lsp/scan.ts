import type { Connection, WorkspaceFolder } from 'vscode-languageserver/node';
import type { ProjectModel } from '../project/model';
import { listSourceFiles, readText } from '../project/files';
import { uriToPath } from './uris';

/** Files per slice between yields to the event loop, so requests are served during a scan. */
const SLICE = 25;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Analyzes every source file of the folders (respecting .gitignore, config ignores, node_modules and
 * build output), reporting work-done progress. Open documents are analyzed from their editor text.
 * Returns the files analyzed; stops early when `cancelled` says a newer scan started.
 */
export async function scanFolders(
  connection: Connection,
  model: ProjectModel,
  folders: WorkspaceFolder[],
  openTexts: Map<string, string>,
  progressSupported: boolean,
  cancelled: () => boolean,
): Promise<Set<string>> {
  const files: string[] = [];
  for (const folder of folders) {
    const root = uriToPath(folder.uri);
    if (!root) continue;
    try {
      files.push(...listSourceFiles(root, { isExcluded: (f) => model.configs.isIgnored(f) }));
    } catch (error) {
      connection.console.warn(`prodgap: cannot list ${root}: ${(error as Error).message}`);
    }
  }
  const progress = progressSupported ? await connection.window.createWorkDoneProgress() : undefined;
  progress?.begin('prodgap: analyzing workspace', 0, `0/${files.length} files`, false);
  const started = Date.now();
  for (let i = 0; i < files.length; i++) {
    if (cancelled()) break;
    const text = openTexts.get(files[i]) ?? readText(files[i]);
    if (text !== undefined) model.update(files[i], text);
    if ((i + 1) % SLICE === 0 || i + 1 === files.length) {
      progress?.report(Math.round(((i + 1) / files.length) * 100), `${i + 1}/${files.length} files`);
      await yieldToEventLoop();
    }
  }
  progress?.done();
  connection.console.info(`prodgap: analyzed ${files.length} files in ${Date.now() - started} ms`);
  return new Set(files);
}
