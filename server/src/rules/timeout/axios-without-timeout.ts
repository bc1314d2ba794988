import ts = require('typescript');
import type { RuleContext, RuleModule } from '../../engine/types';
import { formatMessage } from '../../engine/messages';
import { creatorOf, qualifiedName } from '../../engine/values';
import { addOptionEdit, appendArgument } from '../../fixes/edits';
import { TIMEOUT_CLIENTS } from '../../knowledge/timeout-clients';
import { AXIOS_DEFAULTS_TIMEOUT } from './facts';
import { hasSpreadArgument, isInsideTimeoutWrapper, isStringLike, optionsVerdict } from './support';

const { axios } = TIMEOUT_CLIENTS;

const rule: RuleModule = {
  meta: {
    id: 'timeout/axios-without-timeout',
    category: 'timeout',
    layer: 'constraints',
    description: 'An axios call, or an axios instance, without a `timeout`: its requests may wait forever.',
    why: "axios's default timeout is 0, which means none: one slow upstream holds the request, its socket and its memory until the service stops answering.",
    howToFix: 'Set `timeout` (ms) where the instance is created (`axios.create({ timeout })`), on `axios.defaults.timeout`, or in the call config.',
    messages: {
      callWithoutTimeout: '`{{callee}}` has no timeout and axios waits forever by default: set `timeout` in the call config or on `axios.defaults.timeout`.',
      instanceWithoutTimeout: 'Instances made by `{{callee}}` have no timeout, so every call through them may wait forever: set `timeout` in this config.',
      addTimeout: 'Add a {{ms}} ms timeout',
    },
    fixable: true,
  },
  kinds: [ts.SyntaxKind.CallExpression],
  prefilter: /axios|HttpModule/,
  create(context) {
    let configuredInstances: Set<ts.Node> | undefined;
    const hasInstanceDefaults = (create: ts.CallExpression) => (configuredInstances ??= findInstancesWithDefaults(context)).has(create);
    return {
      [ts.SyntaxKind.CallExpression]: (node) => checkCall(node as ts.CallExpression, context, hasInstanceDefaults),
    };
  },
  // `axios.defaults.timeout` set anywhere in the project covers direct calls and new instances alike.
  resolve: (_pending, facts) => !facts.has(AXIOS_DEFAULTS_TIMEOUT),
};

function checkCall(call: ts.CallExpression, context: RuleContext, hasInstanceDefaults: (create: ts.CallExpression) => boolean): void {
  if (hasSpreadArgument(call)) return;
  const origin = context.values.origin(call.expression);
  const name = qualifiedName(origin);
  if (name === undefined) return;
  if (axios.factories.includes(name)) {
    if (optionsVerdict(context.values, call.arguments[0], axios.timeoutOptions) === 'unbounded' && !hasInstanceDefaults(call)) {
      report(call, 0, 'instanceWithoutTimeout', context);
    }
    return;
  }
  if (origin.base.kind !== 'module' || !axios.modules.includes(origin.base.module) || origin.path.length > 1) return;
  const configIndex = origin.path.length === 0 ? directConfigIndex(call, context) : axios.configArgument[origin.path[0]];
  if (configIndex === undefined || isInsideTimeoutWrapper(call, context.settings.timeoutWrappers)) return;
  if (optionsVerdict(context.values, call.arguments[configIndex], axios.timeoutOptions) === 'unbounded') {
    report(call, configIndex, 'callWithoutTimeout', context);
  }
}

/** `axios(config)` or `axios(url, config?)`; a lone argument that is neither visibly is left alone. */
function directConfigIndex(call: ts.CallExpression, context: RuleContext): number | undefined {
  const [first] = call.arguments;
  if (!first) return undefined;
  if (call.arguments.length > 1 || isStringLike(first, context.values)) return 1;
  return context.values.objectLiteral(first) ? 0 : undefined;
}

function report(call: ts.CallExpression, configIndex: number, messageId: string, context: RuleContext): void {
  const { file, settings } = context;
  const property = `timeout: ${settings.timeoutBudgetMs}`;
  // `axios.post(url)` has no data argument: passing `undefined` for it is what axios does already.
  const edit =
    call.arguments.length === configIndex - 1
      ? appendArgument(call, `undefined, { ${property} }`)
      : addOptionEdit(call, configIndex, property, file.sourceFile);
  const title = formatMessage(rule.meta.messages.addTimeout, { ms: settings.timeoutBudgetMs });
  context.report({
    node: call.expression,
    messageId,
    data: { callee: call.expression.getText(file.sourceFile) },
    fixes: edit ? [{ title, kind: 'fix', edits: [edit] }] : [],
    pending: true,
  });
}

/**
 * Instances of this file that get a timeout after they are made: `api.defaults.timeout = ms`, or a
 * request interceptor that mentions `timeout`. Found by one extra walk, only in files that may have them.
 */
function findInstancesWithDefaults(context: RuleContext): Set<ts.Node> {
  const found = new Set<ts.Node>();
  const { sourceFile } = context.file;
  if (!/\.defaults\.timeout\s*=|interceptors/.test(sourceFile.text)) return found;
  const addCreatorOf = (instance: ts.Expression) => {
    const origin = context.values.origin(instance);
    const creator = origin.path.length === 0 ? creatorOf(origin) : undefined;
    if (creator) found.add(creator.node);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const owner = defaultsTimeoutOwner(node.left);
      if (owner) addCreatorOf(owner);
    } else if (ts.isCallExpression(node) && node.arguments.some((arg) => /\btimeout\b/.test(arg.getText(sourceFile)))) {
      const owner = interceptorOwner(node.expression);
      if (owner) addCreatorOf(owner);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** `api` in `api.defaults.timeout`. */
function defaultsTimeoutOwner(target: ts.Expression): ts.Expression | undefined {
  if (!ts.isPropertyAccessExpression(target) || target.name.text !== 'timeout') return undefined;
  const defaults = target.expression;
  return ts.isPropertyAccessExpression(defaults) && defaults.name.text === 'defaults' ? defaults.expression : undefined;
}

/** `api` in `api.interceptors.request.use`. */
function interceptorOwner(callee: ts.Expression): ts.Expression | undefined {
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'use') return undefined;
  const request = callee.expression;
  if (!ts.isPropertyAccessExpression(request) || request.name.text !== 'request') return undefined;
  const interceptors = request.expression;
  return ts.isPropertyAccessExpression(interceptors) && interceptors.name.text === 'interceptors' ? interceptors.expression : undefined;
}

export default rule;
