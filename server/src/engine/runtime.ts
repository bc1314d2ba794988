import ts = require('typescript');
import type { AnalyzedFile } from './types';

/**
 * Where a file's code runs. Production-readiness rules judge the server: tests run under their
 * runner's own limits, and browser code's failures cost one tab, not the service.
 */
const TEST_FILE = /(^|[\\/])(__tests__|__mocks__)[\\/]|\.(test|spec|e2e-spec)\.[cm]?[jt]sx?$/;
const BROWSER_CODE =
  /from\s+['"](vue|pinia|vue-router|svelte|@angular\/core)['"]|(^|[^.\w$])(window|document|localStorage|sessionStorage)\.|import\.meta\.env\.VITE_/m;

export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

/** A React client component ('use client'): its code runs in a browser tab, not on the server. */
export function isClientComponent(sourceFile: ts.SourceFile): boolean {
  const first = sourceFile.statements[0];
  return !!first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) && first.expression.text === 'use client';
}

/**
 * Tests, and browser code: a 'use client' component, or a module that imports a browser UI
 * framework or reads browser globals or Vite's client env.
 */
export function isOutsideServerRuntime(file: AnalyzedFile): boolean {
  return isTestFile(file.path) || isClientComponent(file.sourceFile) || BROWSER_CODE.test(file.text);
}
