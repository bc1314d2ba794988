import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import ts = require('typescript');
import { severityFor } from '../../server/src/engine/severity';
import type { RuleModule } from '../../server/src/engine/types';
import { analyzeSnippet } from '../support/analyze';

test('demote lowers the default severity step by step, never below info', () => {
  assert.equal(severityFor('timeout/x', 'timeout', 'critical', {}), 'error');
  assert.equal(severityFor('timeout/x', 'timeout', 'critical', {}, 1), 'warning');
  assert.equal(severityFor('timeout/x', 'timeout', 'critical', {}, 2), 'info');
  assert.equal(severityFor('timeout/x', 'timeout', 'critical', {}, 5), 'info');
  assert.equal(severityFor('timeout/x', 'timeout', 'experiment', {}, 1), 'info');
});

test('a configured severity wins over demote', () => {
  assert.equal(severityFor('timeout/x', 'timeout', 'critical', { 'timeout/x': 'error' }, 1), 'error');
  assert.equal(severityFor('timeout/x', 'timeout', 'internal', { timeout: 'warning' }, 2), 'warning');
});

test('a report descriptor with demote gives its finding the lowered severity', () => {
  const rule: RuleModule = {
    meta: { id: 'secrets-config/demo', category: 'secrets-config', layer: 'operation', description: 'd', why: 'w', howToFix: 'f', messages: { strong: 's', mild: 'm' }, fixable: false },
    kinds: [ts.SyntaxKind.StringLiteral],
    create: (context) => ({
      [ts.SyntaxKind.StringLiteral]: (node) => context.report({ node, messageId: (node as ts.StringLiteral).text, demote: (node as ts.StringLiteral).text === 'mild' ? 1 : undefined }),
    }),
  };
  const report = analyzeSnippet([rule], "f('strong'); f('mild');");
  assert.deepEqual(report.findings.map((f) => [f.messageId, f.severity]), [['strong', 'error'], ['mild', 'warning']]);
});
