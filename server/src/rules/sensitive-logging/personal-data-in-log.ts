import ts = require('typescript');
import type { RuleModule } from '../../engine/types';
import { notRedacted, reportSensitiveValues } from './support';
import { FIX_TITLES } from './support-fixes';

const rule: RuleModule = {
  meta: {
    id: 'sensitive-logging/personal-data-in-log',
    category: 'sensitive-logging',
    layer: 'accountability',
    description: 'A log call writes personal data: an email, phone number, national id, card or bank number, or a whole user, customer or patient object.',
    why: 'Personal data in logs outlives every retention and deletion promise: GDPR erasure, PCI DSS scope and breach notices then reach the log store, its backups and everyone who can search it.',
    howToFix: 'Log an identifier (user.id) instead of the person, and mask or drop contact, card and id numbers.',
    messages: {
      personalData: '`{{name}}` is personal data written to the log; log an id or a masked value instead.',
      paymentData: '`{{name}}` is card or bank data written to the log: card numbers and CVV must never be logged (PCI DSS).',
      wholeRecord: '`{{name}}` logs a whole {{noun}} object with all its personal data; log its id instead.',
      configuredField: '`{{name}}` is configured as sensitive (`logging.sensitiveFields`) and is written to the log.',
      ...FIX_TITLES,
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  create(context) {
    return {
      [ts.SyntaxKind.CallExpression]: (node) =>
        reportSensitiveValues(node as ts.CallExpression, context, {
          personal: 'personalData',
          payment: 'paymentData',
          record: 'wholeRecord',
          configured: 'configuredField',
        }),
    };
  },
  resolve: notRedacted,
};

export default rule;
