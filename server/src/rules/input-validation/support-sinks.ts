import ts = require('typescript');
import { z } from 'zod';
import { commented, loadKnowledge, regexSource } from '../../knowledge/load';
import { creatorOf, propertyNameText, qualifiedName, unwrapExpression, type ValueResolver } from '../../engine/values';
import data from '../../../../rules/knowledge/input-sinks.json';
import { lastSegment } from './support-sql';

const names = z.array(z.string().min(1));

/** Schema of `rules/knowledge/input-sinks.json`. */
export const inputSinksKnowledgeSchema = commented({
  dbWrites: commented({
    prismaMethods: names,
    dataProperties: names,
    methods: z.array(z.strictObject({ names, arguments: z.array(z.number().int().min(0)), chainedOnly: z.boolean().optional() })),
    excludedReceivers: regexSource,
  }),
  queryFilters: commented({ methods: names, mongoReceivers: regexSource }),
  filePaths: commented({ functions: names, responseMethods: names }),
  shell: commented({ functions: names, spawnFunctions: names }),
  outboundUrls: commented({ functions: names, clientModules: names, clientMethods: names }),
  redirects: commented({ methods: names, functions: names }),
  carriers: commented({ functions: names, getterMethods: names, stringMethods: names }),
  validatorModules: names,
});

export const INPUT_SINKS = loadKnowledge('input-sinks', inputSinksKnowledgeSchema, data);
const { dbWrites: DB, queryFilters: FILTERS, filePaths: FILES, shell: SHELL, outboundUrls: URLS, redirects: REDIRECTS } = INPUT_SINKS;
const EXCLUDED_RECEIVER = new RegExp(DB.excludedReceivers, 'i');
const MONGO_RECEIVER = new RegExp(FILTERS.mongoReceivers);
const TWO_PATHS = /\.(rename|copyFile)(Sync)?$/;

export type SinkKind = 'massAssignment' | 'queryFilter' | 'filePath' | 'shellCommand' | 'outboundUrl' | 'openRedirect';

/**
 * What a tainted value must be to make the sink dangerous: a whole request object (`object`), any
 * request data (`any`), the start of a string (`start`: scheme and host of a URL), or a request field
 * that JSON or a query parser may turn into an object (`filterValue`: `{ $ne: null }`).
 */
export type Need = 'object' | 'any' | 'start' | 'filterValue';

export interface Sink {
  kind: SinkKind;
  /** Where the finding sits: the callee (its method name on a builder chain) or the constructed class. */
  anchor: ts.Node;
  /** The sink as written, for the message: `prisma.user.create`, `fs.readFile`, `res.redirect`. */
  name: string;
  values: { value: ts.Expression; need: Need }[];
}

/** The sink a call or `new` is, with the arguments that must not carry unvalidated request data. */
export function sinkOf(node: ts.CallExpression | ts.NewExpression, values: ValueResolver): Sink | undefined {
  if (ts.isNewExpression(node)) return modelConstruction(node, values);
  const callee = unwrapExpression(node.expression);
  const args = [...node.arguments];
  const qualified = qualifiedName(values.origin(callee));
  const make = (kind: SinkKind, list: { value: ts.Expression | undefined; need: Need }[]): Sink | undefined => {
    const present = list.filter((v): v is { value: ts.Expression; need: Need } => !!v.value);
    if (present.length === 0) return undefined;
    const anchor = ts.isPropertyAccessExpression(callee) && ts.isCallExpression(unwrapExpression(callee.expression)) ? callee.name : callee;
    return { kind, anchor, name: callee.getText().replace(/\s+/g, ''), values: present };
  };
  if (qualified) {
    if (FILES.functions.includes(qualified)) return make('filePath', [{ value: args[0], need: 'any' }, { value: TWO_PATHS.test(qualified) ? args[1] : undefined, need: 'any' }]);
    if (SHELL.functions.includes(qualified)) return make('shellCommand', [{ value: args[0], need: 'any' }]);
    if (SHELL.spawnFunctions.includes(qualified)) return make('shellCommand', spawnValues(args, values));
    if (URLS.functions.includes(qualified) || isClientMethod(qualified)) return make('outboundUrl', [{ value: urlArgument(args[0], values), need: 'start' }]);
    if (REDIRECTS.functions.includes(qualified)) return make('openRedirect', [{ value: args[0], need: 'start' }]);
  }
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const receiver = lastSegment(callee.expression);
  if (REDIRECTS.methods.includes(method)) return make('openRedirect', args.map((value) => ({ value, need: 'start' as const })));
  if (FILES.responseMethods.includes(method) && !hasRootOption(args[1], values)) return make('filePath', [{ value: args[0], need: 'any' }]);
  if (EXCLUDED_RECEIVER.test(receiver) || /^crypto\./.test(creatorOf(values.origin(callee.expression))?.name ?? '')) return undefined;
  if (DB.prismaMethods.includes(method) && args[0] && values.objectLiteral(args[0])) {
    const data = DB.dataProperties.map((name) => ({ value: presentValue(values.lookupProperty(args[0], [name])), need: 'object' as const }));
    if (data.some((d) => d.value)) return make('massAssignment', data);
  }
  const write = DB.methods.find((m) => m.names.includes(method) && (!m.chainedOnly || ts.isCallExpression(unwrapExpression(callee.expression))));
  if (write && !(write.chainedOnly && args.length !== 1)) {
    const sink = make('massAssignment', write.arguments.map((i) => ({ value: args[i], need: 'object' as const })));
    if (sink) return sink;
  }
  if (FILTERS.methods.includes(method)) return make('queryFilter', filterValues(args[0], receiver, values));
  return undefined;
}

/** `new User(req.body)`: a model class of the project (imported from a project file, or `mongoose.model(…)`). */
function modelConstruction(node: ts.NewExpression, values: ValueResolver): Sink | undefined {
  const ctor = unwrapExpression(node.expression);
  const first = node.arguments?.[0];
  if (!first || !ts.isIdentifier(ctor) || !/^[A-Z]/.test(ctor.text)) return undefined;
  const origin = values.origin(ctor);
  const base = origin.base;
  const fromProject = base.kind === 'module' && /^(\.|@\/|~\/|#)/.test(base.module);
  const modelCall = base.kind === 'call' && /(^|\.)model$/.test(qualifiedName(base.callee) ?? base.node.expression.getText());
  if (!fromProject && !modelCall) return undefined;
  return { kind: 'massAssignment', anchor: ctor, name: `new ${ctor.text}`, values: [{ value: first, need: 'object' }] };
}

/** `axios.get(url)`, `got.post(url)`: a method of an HTTP client module itself (instances with a `baseURL` are left alone). */
function isClientMethod(qualified: string): boolean {
  const dot = qualified.lastIndexOf('.');
  return dot > 0 && URLS.clientModules.includes(qualified.slice(0, dot)) && URLS.clientMethods.includes(qualified.slice(dot + 1));
}

/** The URL of a request: the first argument, or its `url` option (`axios({ url })`). */
function urlArgument(first: ts.Expression | undefined, values: ValueResolver): ts.Expression | undefined {
  if (!first || !values.objectLiteral(first)) return first;
  return presentValue(values.lookupProperty(first, ['url']));
}

/** `spawn(cmd, args, { shell: true })`: the command always; the arguments only when a shell parses them. */
function spawnValues(args: ts.Expression[], values: ValueResolver): { value: ts.Expression | undefined; need: Need }[] {
  const options = args.find((arg, i) => i > 0 && values.objectLiteral(arg));
  const shell = options && presentValue(values.lookupProperty(options, ['shell']));
  const list: { value: ts.Expression | undefined; need: Need }[] = [{ value: args[0], need: 'any' }];
  const argv = args[1] && unwrapExpression(args[1]);
  if (shell && shell.kind !== ts.SyntaxKind.FalseKeyword && argv && ts.isArrayLiteralExpression(argv)) {
    list.push(...argv.elements.map((value) => ({ value: ts.isSpreadElement(value) ? value.expression : value, need: 'any' as const })));
  }
  return list;
}

/** A filter as a whole request object; on a Mongo model or collection also a request field as a filter value. */
function filterValues(filter: ts.Expression | undefined, receiver: string, values: ValueResolver): { value: ts.Expression | undefined; need: Need }[] {
  const list: { value: ts.Expression | undefined; need: Need }[] = [{ value: filter, need: 'object' }];
  const literal = filter && values.objectLiteral(filter);
  if (!literal || !MONGO_RECEIVER.test(receiver) || values.lookupProperty(literal, ['where']).status === 'present') return list;
  for (const property of literal.properties) {
    if (ts.isPropertyAssignment(property) && !propertyNameText(property.name)?.startsWith('$')) list.push({ value: property.initializer, need: 'filterValue' });
    if (ts.isShorthandPropertyAssignment(property)) list.push({ value: property.name, need: 'filterValue' });
  }
  return list;
}

/** `res.sendFile(name, { root })`: `send` refuses paths that leave the root. */
function hasRootOption(options: ts.Expression | undefined, values: ValueResolver): boolean {
  return !!options && values.lookupProperty(options, ['root']).status === 'present';
}

function presentValue(lookup: ReturnType<ValueResolver['lookupProperty']>): ts.Expression | undefined {
  return lookup.status === 'present' ? lookup.value : undefined;
}
