// Bundles the CLI (and, when present, the language server and the VS Code client) with esbuild.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

// Whitespace and syntax are minified; identifiers are kept so stack traces in logs stay readable.
const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', sourcemap: true, logLevel: 'warning', minifyWhitespace: true, minifySyntax: true };
const entries = [
  { entryPoints: ['server/src/cli/bin.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' }, external: ['typescript'] },
  { entryPoints: ['server/src/lsp/server.ts'], outfile: 'server/out/server.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
];
await Promise.all(entries.filter((e) => existsSync(e.entryPoints[0])).map((e) => build({ ...common, ...e })));
