import type { Category, Criticality, Severity } from './types';

/**
 * Default severity by category and the criticality of the code's path. The same gap is a note in an
 * experiment and an error in a payment service; documented in docs/configuration.md.
 */
export const SEVERITY_TABLE: Record<Category, Record<Criticality, Severity>> = {
  authorization: { experiment: 'info', internal: 'warning', 'customer-facing': 'error', critical: 'error' },
  'input-validation': { experiment: 'info', internal: 'warning', 'customer-facing': 'error', critical: 'error' },
  timeout: { experiment: 'info', internal: 'warning', 'customer-facing': 'warning', critical: 'error' },
  idempotency: { experiment: 'info', internal: 'warning', 'customer-facing': 'error', critical: 'error' },
  'sensitive-logging': { experiment: 'info', internal: 'warning', 'customer-facing': 'error', critical: 'error' },
  observability: { experiment: 'info', internal: 'info', 'customer-facing': 'warning', critical: 'error' },
  'error-handling': { experiment: 'info', internal: 'warning', 'customer-facing': 'warning', critical: 'error' },
  migration: { experiment: 'info', internal: 'warning', 'customer-facing': 'error', critical: 'error' },
  'secrets-config': { experiment: 'warning', internal: 'error', 'customer-facing': 'error', critical: 'error' },
  'resource-limits': { experiment: 'info', internal: 'info', 'customer-facing': 'warning', critical: 'error' },
};

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

const BY_RANK: Severity[] = ['info', 'info', 'warning', 'error'];

/** The configured severity if any, else the table's default lowered by `demote` steps (never below info). */
export function severityFor(
  ruleId: string,
  category: Category,
  criticality: Criticality,
  overrides: Record<string, Severity | 'off'>,
  demote = 0,
): Severity {
  const override = overrides[ruleId] ?? overrides[category];
  if (override && override !== 'off') return override;
  const severity = SEVERITY_TABLE[category][criticality];
  return demote > 0 ? BY_RANK[Math.max(1, SEVERITY_RANK[severity] - demote)] : severity;
}
