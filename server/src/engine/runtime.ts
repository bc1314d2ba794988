import ts = require('typescript');
import { z } from 'zod';
import type { AnalyzedFile, FileSettings } from './types';
import { loadKnowledge } from '../knowledge/load';
import { ScopeResolver } from './scope';
import data from '../../../rules/knowledge/runtime.json';

/**
 * Where a file's code runs. Production-readiness rules judge the server: tests run under their
 * runner's own limits, browser code's failures cost one tab, and one-off scripts are run by hand.
 * Paths are project-relative, so a checkout under `/home/me/test/` is not mistaken for tests.
 */
const knowledge = loadKnowledge(
  'runtime',
  z.object({
    $comment: z.string().optional(),
    testPaths: z.array(z.string()),
    uiPaths: z.array(z.string()),
    scriptPaths: z.array(z.string()),
    serverEntryPaths: z.array(z.string()),
    uiModules: z.array(z.string()),
    clientPackages: z.strictObject({ $comment: z.string().optional(), runtimes: z.array(z.string()), serverFrameworks: z.array(z.string()) }),
    browserGlobals: z.strictObject({ $comment: z.string().optional(), textPattern: z.string(), names: z.array(z.string()), envPattern: z.string() }),
  }),
  data,
);
const anyOf = (patterns: string[]) => new RegExp(patterns.map((p) => `(?:${p})`).join('|'));
const TEST = anyOf(knowledge.testPaths);
const UI = anyOf(knowledge.uiPaths);
const SCRIPT = anyOf(knowledge.scriptPaths);
const SERVER_ENTRY = anyOf(knowledge.serverEntryPaths);
const UI_MODULES = new Set(knowledge.uiModules);
const BROWSER_GLOBAL_TEXT = new RegExp(knowledge.browserGlobals.textPattern, 'm');
const BROWSER_GLOBAL_NAMES = new Set(knowledge.browserGlobals.names);
const BROWSER_ENV = new RegExp(knowledge.browserGlobals.envPattern);

const CLIENT_RUNTIMES = new Set(knowledge.clientPackages.runtimes);
const SERVER_FRAMEWORKS = new Set(knowledge.clientPackages.serverFrameworks);

/**
 * The client runtime a package's dependencies declare (`react-native`, `@stripe/ui-extension-sdk`), or
 * a browser bundle it publishes (a UMD `main`, a `browser` field), when it has no server framework
 * beside it: all its files run on a client.
 */
export function clientRuntimeOf(dependencies: readonly string[], browserBundle = false): string | undefined {
  if (dependencies.some((name) => SERVER_FRAMEWORKS.has(name))) return undefined;
  return dependencies.find((name) => CLIENT_RUNTIMES.has(name)) ?? (browserBundle ? 'a browser bundle' : undefined);
}

export type FileRole = 'server' | 'test' | 'browser' | 'script';

function normalized(path: string): string {
  return path.replace(/\\/g, '/');
}

export function isTestFile(relativePath: string): boolean {
  return TEST.test(normalized(relativePath));
}

/** A React client component ('use client'): its code runs in a browser tab, not on the server. */
export function isClientComponent(sourceFile: ts.SourceFile): boolean {
  const first = sourceFile.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use client';
}

function importsUiFramework(sourceFile: ts.SourceFile): boolean {
  return sourceFile.statements.some(
    (s) => ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && UI_MODULES.has(s.moduleSpecifier.text),
  );
}

/**
 * Reads a member of a free browser global (`document.cookie`, `window.location`), or hands one to a
 * wrapper (`(function (window) { … })(window)`). The text test is
 * only a gate: `documents.map((document) => document.id)` or the word in a string is server code.
 */
function usesBrowserGlobals(file: AnalyzedFile): boolean {
  if (BROWSER_ENV.test(file.text)) return true;
  if (!BROWSER_GLOBAL_TEXT.test(file.text)) return false;
  const scopes = new ScopeResolver();
  let found = false;
  const walk = (node: ts.Node): void => {
    if (found) return;
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && BROWSER_GLOBAL_NAMES.has(node.expression.text) && !scopes.resolve(node.expression)) {
      found = true;
      return;
    }
    // `(function (window) { … })(window)`: the global handed to a wrapper.
    if (ts.isCallExpression(node) && node.arguments.some((a) => ts.isIdentifier(a) && BROWSER_GLOBAL_NAMES.has(a.text) && !scopes.resolve(a))) {
      found = true;
      return;
    }
    ts.forEachChild(node, walk);
  };
  walk(file.sourceFile);
  return found;
}

const roles = new WeakMap<ts.SourceFile, FileRole>();

export function fileRole(file: AnalyzedFile): FileRole {
  let role = roles.get(file.sourceFile);
  if (!role) {
    const path = normalized(file.relativePath);
    if (isTestFile(path)) role = 'test';
    else if (SERVER_ENTRY.test(path)) role = 'server';
    else if (UI.test(path) || isClientComponent(file.sourceFile) || importsUiFramework(file.sourceFile) || usesBrowserGlobals(file)) role = 'browser';
    else if (SCRIPT.test(path)) role = 'script';
    else role = 'server';
    roles.set(file.sourceFile, role);
  }
  return role;
}

/**
 * Tests, browser UI and one-off scripts: out of scope for rules about running a service. With the
 * file's settings, a file of a client package (`settings.clientPackage`) is out of scope too.
 */
export function isOutsideServerRuntime(file: AnalyzedFile, settings?: FileSettings): boolean {
  return !!settings?.clientPackage || fileRole(file) !== 'server';
}

const DEVELOPMENT_CHECK = /\b(NODE_ENV|ENVIRONMENT|APP_ENV)\s*===?\s*['"`](development|dev|test)['"`]|['"`](development|dev|test)['"`]\s*===?\s*(process\.)?env\.(NODE_ENV|ENVIRONMENT|APP_ENV)\b|^!?\s*(isDev|isDevelopment|IS_DEV)$/;

/** Code in the `then` branch of a development-only check (`if (process.env.NODE_ENV === 'development')`): it never runs in production. */
export function isDevelopmentOnly(node: ts.Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child && DEVELOPMENT_CHECK.test(parent.expression.getText())) return true;
    if (ts.isFunctionLike(parent)) return false;
  }
  return false;
}
