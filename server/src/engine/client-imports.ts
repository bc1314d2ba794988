import ts = require('typescript');
import type { FactCollector, ProjectFacts } from './types';
import { isClientComponent, isTestFile } from './runtime';
import { importedModuleKey, keyMatches, moduleKey } from './module-key';

/**
 * Which modules each file imports, and whether the importer runs on a client (`'use client'`, a
 * client package). A module that only client modules import is bundled for the browser, whatever it
 * looks like itself (`lib/notion.ts` imported only by a `'use client'` wrapper): the server rules do
 * not judge it. One level: a module imported by such a module is judged by its own importers.
 */
export const MODULE_IMPORTS = 'runtime/module-imports';

export interface ModuleImportsFact {
  from: string;
  client: boolean;
  to: ({ key: string } | { suffix: string })[];
}

/** Project imports: relative, or a path alias (`@/lib/x`, `~/lib/x`); packages are not modules of the project. */
const PROJECT_SPECIFIER = /^(\.|[@~#]\/)/;

export const clientImportsCollector: FactCollector = {
  name: 'runtime/module-imports',
  kinds: [ts.SyntaxKind.SourceFile],
  prefilter: /\bimport\b/,
  create(context) {
    return {
      [ts.SyntaxKind.SourceFile]: (node) => {
        const sourceFile = node as ts.SourceFile;
        const { file, settings } = context;
        if (isTestFile(file.relativePath)) return;
        const to: ModuleImportsFact['to'] = [];
        let valueNames: Set<string> | undefined;
        for (const statement of sourceFile.statements) {
          const specifier = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
          if (!specifier || !ts.isStringLiteral(specifier) || !PROJECT_SPECIFIER.test(specifier.text)) continue;
          if (ts.isImportDeclaration(statement) && importsTypesOnly(statement, () => (valueNames ??= namesUsedAsValues(sourceFile)))) continue;
          to.push(importedModuleKey(file.path, specifier.text));
        }
        if (to.length === 0) return;
        const data: ModuleImportsFact = { from: moduleKey(file.path), client: isClientComponent(sourceFile) || !!settings.clientPackage, to };
        context.add({ kind: MODULE_IMPORTS, data });
      },
    };
  },
};

interface ImportIndex {
  version: number;
  /** Importers' client flags by the module key a relative import names. */
  byKey: Map<string, boolean[]>;
  /** Path-alias imports by their last segment (`file-upload` of `/modules/storage/file-upload`), matched by suffix. */
  bySegment: Map<string, { suffix: string; client: boolean }[]>;
  answers: Map<string, boolean>;
}

const indexes = new WeakMap<ProjectFacts, ImportIndex>();

/**
 * An import that brings only types, which the compiler erases: `import type { A }`, `import { type A }`,
 * or named bindings the file uses in type positions only (`import { TSurveyListPage }` in annotations).
 */
function importsTypesOnly(statement: ts.ImportDeclaration, valueNames: () => Set<string>): boolean {
  const clause = statement.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  if (clause.name || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) return false;
  return clause.namedBindings.elements.every((e) => e.isTypeOnly || !valueNames().has(e.name.text));
}

/** The identifiers a file uses outside type positions (imports aside), walked once per file. */
function namesUsedAsValues(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) return;
    // `class A extends Base`: a value, though the heritage clause is a type node.
    const classBase = ts.isExpressionWithTypeArguments(node) && ts.isHeritageClause(node.parent) && node.parent.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(node.parent.parent);
    if (ts.isTypeNode(node) && !classBase) return;
    if (ts.isIdentifier(node)) names.add(node.text);
    else ts.forEachChild(node, visit);
  };
  sourceFile.statements.forEach(visit);
  return names;
}
const lastSegment = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/**
 * A module that runs on the server whoever imports it: Server Actions (`'use server'`, which client
 * components import to call them over the network) and modules marked `import 'server-only'`.
 */
export function isServerModule(text: string): boolean {
  return /^(\s*(\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*(['"])use server\3/.test(text) || /^\s*import\s+['"]server-only['"]/m.test(text);
}

/** Whether the module at this path has importers in the project and every one runs on a client. */
export function importedOnlyByClients(filePath: string, facts: ProjectFacts): boolean {
  let index = indexes.get(facts);
  if (!index || index.version !== facts.version) {
    const byKey = new Map<string, boolean[]>();
    const bySegment = new Map<string, { suffix: string; client: boolean }[]>();
    for (const fact of facts.all(MODULE_IMPORTS) as ModuleImportsFact[]) {
      for (const target of fact.to) {
        if ('key' in target) {
          const list = byKey.get(target.key);
          if (list) list.push(fact.client);
          else byKey.set(target.key, [fact.client]);
        } else {
          const segment = lastSegment(target.suffix);
          const list = bySegment.get(segment);
          const entry = { suffix: target.suffix, client: fact.client };
          if (list) list.push(entry);
          else bySegment.set(segment, [entry]);
        }
      }
    }
    index = { version: facts.version, byKey, bySegment, answers: new Map() };
    indexes.set(facts, index);
  }
  const key = moduleKey(filePath);
  let answer = index.answers.get(key);
  if (answer === undefined) {
    const aliased = (index.bySegment.get(lastSegment(key)) ?? []).filter((s) => keyMatches({ suffix: s.suffix }, key));
    const importers = [...(index.byKey.get(key) ?? []), ...aliased.map((s) => s.client)];
    answer = importers.length > 0 && importers.every((client) => client);
    index.answers.set(key, answer);
  }
  return answer;
}
