import ts = require('typescript');
import type { FileSettings } from '../../engine/types';
import { calleeName, unwrapExpression, type ValueResolver } from '../../engine/values';
import type { RouteHandler } from '../../routes';
import { AUTHORIZATION } from './support-knowledge';
import { isScopedToPrincipal, readsRequestId, resourceAccess } from './support-resource';

const COMPARISONS = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);
const FORBIDDEN = /\b403\b|Forbidden|FORBIDDEN/;

/**
 * Whether a function checks that the caller may touch what it loads: an ownership or permission
 * call (`assertOwner`, `ability.can`, `auth.ownershipChecks`), a comparison of an owner field
 * (`doc.ownerId !== user.id`), a membership query scoped by the caller, or a 403 answer.
 */
export function checksAccess(fn: ts.FunctionLikeDeclaration, load: ts.CallExpression, route: RouteHandler, values: ValueResolver, settings: FileSettings): boolean {
  const body = fn.body;
  if (!body) return false;
  if (FORBIDDEN.test(body.getText())) return true;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && node !== load) {
      const name = calleeName(node.expression);
      if (name && (settings.ownershipChecks.includes(name) || AUTHORIZATION.ownershipCheck.test(name))) {
        found = true;
        return;
      }
      const other = resourceAccess(node, values);
      if (other && other.selectors.some((s) => isScopedToPrincipal(s, route, values))) {
        found = true;
        return;
      }
      // A helper handed both the request's id and the caller or tenant (`getBountyOrThrow({ bountyId, programId })`) loads scoped.
      if (!other && node.arguments.some((a) => readsRequestId(a, route, values)) && node.arguments.some((a) => isScopedToPrincipal(a, route, values))) {
        found = true;
        return;
      }
    }
    if (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind) && (isOwnerField(node.left) || isOwnerField(node.right))) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}

/** `doc.ownerId`, `project.organizationId`, `note.user_id`: a record's owner or tenant field. */
function isOwnerField(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  return ts.isPropertyAccessExpression(node) && AUTHORIZATION.ownerKey.test(node.name.text) && node.name.text !== 'id';
}
