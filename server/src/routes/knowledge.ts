import { z } from 'zod';
import data from '../../../rules/knowledge/frameworks.json';
import { loadKnowledge, regexSource } from '../knowledge/load';

const names = z.array(z.string().min(1));
const SOURCES = ['params', 'query', 'body', 'headers', 'cookies', 'args', 'input'] as const;
const source = z.enum(SOURCES);
const method = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'ALL', 'QUERY', 'MUTATION']);

/** A member path on a request root (`request.body`, `req.param()`) and the input source it reads. */
const inputPath = z.strictObject({
  path: z.string().min(1),
  source,
  /** The path is a method: the call is the input (`c.req.param('id')`). */
  call: z.boolean().optional(),
  /** The method returns data a validator middleware already checked (Hono's `c.req.valid`). */
  validated: z.boolean().optional(),
});

/** Frameworks that register routes by calls on an app or router (`router.get(path, ...mw, handler)`). */
const callFramework = z.strictObject({
  modules: names,
  /** Qualified names of the calls or constructors that make an app (app-level middleware). */
  apps: names,
  routers: names,
  /** Annotated types of parameters that hold an app or router (`app: Express`). */
  types: names,
  methods: z.record(z.string().min(1), method),
  middleware: names,
  /** Methods that return the instance they are called on (`Router().use(a).use(b)`). */
  chainable: names,
  inputs: z.array(inputPath),
});

export const frameworksSchema = z.strictObject({
  guards: z.strictObject({
    authPattern: regexSource,
    /** Names that mean auth unless they also say something else (`RolesGuard` yes, `ThrottlerGuard` no). */
    weakAuthPattern: regexSource,
    optionalAuthPattern: regexSource,
    validationPattern: regexSource,
    otherPattern: regexSource,
    validatorModules: names,
    /** Methods that check a value against a schema (`schema.parse(body)`). */
    parseMethods: names,
  }),
  principal: z.strictObject({
    requestPaths: names,
    contextKeys: regexSource,
    functions: names,
    functionNames: regexSource,
    /** Names a handler wrapper hands its handler (`withWorkspace(({ session }) => …)`). */
    wrapperArguments: names,
  }),
  express: callFramework,
  koa: callFramework,
  hono: callFramework,
  fastify: callFramework.extend({
    pluginParameterNames: names,
    hookMethods: names,
    guardHooks: names,
    schemaSources: z.record(z.string().min(1), source),
  }),
  next: z.strictObject({
    routeFile: regexSource,
    pagesApiFile: regexSource,
    methods: names,
    requestInputs: z.array(inputPath),
    contextInputs: z.array(inputPath),
    wrapperInputs: z.record(z.string().min(1), source),
    pagesInputs: z.array(inputPath),
  }),
  nest: z.strictObject({
    modules: names,
    controllerDecorators: names,
    resolverDecorators: names,
    methodDecorators: z.record(z.string().min(1), method),
    inputDecorators: z.record(z.string().min(1), source),
    requestDecorators: names,
    principalDecorators: regexSource,
    guardDecorators: names,
    pipeDecorators: names,
    publicDecorators: regexSource,
    globalGuardMethods: names,
    globalPipeMethods: names,
    guardTokens: names,
    pipeTokens: names,
    validationPipes: regexSource,
    dtoValidatorModules: names,
  }),
  graphql: z.strictObject({
    operationTypes: z.record(z.string().min(1), method),
    argsParameter: z.number().int().min(0),
    contextParameter: z.number().int().min(0),
    contextPrincipalPaths: names,
  }),
  trpc: z.strictObject({
    procedurePattern: regexSource,
    publicPattern: regexSource,
    operations: z.record(z.string().min(1), method),
    inputMethods: names,
    middlewareMethods: names,
    contextPrincipalPaths: names,
  }),
});

export type FrameworkKnowledge = z.infer<typeof frameworksSchema>;
export type CallFrameworkKnowledge = z.infer<typeof callFramework>;
export type InputPathKnowledge = z.infer<typeof inputPath>;

/** `rules/knowledge/frameworks.json`: what the route model knows about each web framework. */
export const FRAMEWORKS: FrameworkKnowledge = loadKnowledge('frameworks', frameworksSchema, data);
