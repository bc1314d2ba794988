import ts = require('typescript');
import type { FileSettings } from '../engine/types';
import { staticText, unwrapExpression, type ValueResolver } from '../engine/values';
import { decoratorsOf, type DecoratorInfo } from './decorators';
import { guardName, guardRef } from './guards';
import { readHandler, withReads, type RequestRoot } from './handler-reads';
import { FRAMEWORKS } from './knowledge';
import { joinPath } from './registrations';
import type { Framework, GuardLevel, GuardRef, InputRef, RouteHandler, RouteLocator, RouteMethod } from './types';

const { nest: NEST } = FRAMEWORKS;
const PRINCIPAL_DECORATOR = new RegExp(NEST.principalDecorators);
const PUBLIC_DECORATOR = new RegExp(NEST.publicDecorators);
const VALIDATION_PIPE = new RegExp(NEST.validationPipes);
const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'ALL']);
const PRIMITIVE_TYPES = new Set([ts.SyntaxKind.StringKeyword, ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.BooleanKeyword, ts.SyntaxKind.AnyKeyword, ts.SyntaxKind.UnknownKeyword]);

/** Nest controllers (`@Controller` + `@Get`…) and resolvers (`@Resolver` + `@Query`/`@Mutation`). */
export function buildNestRoutes(sourceFile: ts.SourceFile, values: ValueResolver, settings: FileSettings, locator: (f: Framework) => RouteLocator): RouteHandler[] {
  const routes: RouteHandler[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassDeclaration(node)) routes.push(...classRoutes(node, values, settings, locator));
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return routes;
}

function classRoutes(cls: ts.ClassDeclaration, values: ValueResolver, settings: FileSettings, locator: (f: Framework) => RouteLocator): RouteHandler[] {
  const decorators = decoratorsOf(cls);
  const controller = decorators.find((d) => NEST.controllerDecorators.includes(d.name));
  const resolver = decorators.find((d) => NEST.resolverDecorators.includes(d.name));
  if (!controller && !resolver) return [];
  const prefix = controller && controllerPath(controller, values);
  const classGuards = guardsOf(decorators, 'class', values, settings);
  const classPipes = pipesOf(decorators);
  const classOptOut = decorators.find((d) => PUBLIC_DECORATOR.test(d.name))?.name;
  const routes: RouteHandler[] = [];
  for (const member of cls.members) {
    if (!ts.isMethodDeclaration(member)) continue;
    const memberDecorators = decoratorsOf(member);
    const routeDecorator = memberDecorators.find((d) => {
      const method = NEST.methodDecorators[d.name];
      return method !== undefined && (controller ? HTTP_METHODS.has(method) : !HTTP_METHODS.has(method));
    });
    if (!routeDecorator) continue;
    const method = NEST.methodDecorators[routeDecorator.name] as RouteMethod;
    const pathArgument = routeDecorator.args[0];
    const ownPath = pathArgument && staticText(pathArgument);
    const fieldName = member.name.getText();
    const path = controller
      ? joinPath(prefix ?? '', ownPath ?? '')
      : (ownPath ?? routeDecorator.args.map((arg) => nameOption(arg, values)).find((name) => name !== undefined) ?? fieldName);
    const pipes = [...classPipes, ...pipesOf(memberDecorators)];
    const roots = requestRoots(member);
    const reads = () => {
      const { inputs: bodyReads, principal } = readHandler(member, roots, values);
      principal.reads.unshift(...roots.filter((r) => r.isPrincipal).map((r) => r.parameter));
      return { principal, inputs: [...parameterInputs(member, pipes), ...bodyReads] };
    };
    routes.push(withReads({
      framework: 'nest',
      method,
      ...(path !== undefined ? { path } : {}),
      ...(pathArgument && ownPath !== undefined ? { pathNode: pathArgument } : {}),
      anchorNode: routeDecorator.node,
      handler: member,
      guards: [...classGuards, ...guardsOf(memberDecorators, 'method', values, settings)],
      ...(classOptOut || memberDecorators.some((d) => PUBLIC_DECORATOR.test(d.name))
        ? { authOptOut: memberDecorators.find((d) => PUBLIC_DECORATOR.test(d.name))?.name ?? classOptOut }
        : {}),
      locator: locator('nest'),
    }, reads));
  }
  return routes;
}

/** `@Controller('users')` or `@Controller({ path: 'users' })`. */
function controllerPath(decorator: DecoratorInfo, values: ValueResolver): string | undefined {
  const [first] = decorator.args;
  if (!first) return '';
  return staticText(first) ?? nameOption(first, values, 'path');
}

function nameOption(argument: ts.Expression | undefined, values: ValueResolver, key = 'name'): string | undefined {
  if (!argument) return undefined;
  const found = values.lookupProperty(argument, [key]);
  return found.status === 'present' ? staticText(found.value) : undefined;
}

function guardsOf(decorators: readonly DecoratorInfo[], where: GuardLevel, values: ValueResolver, settings: FileSettings): GuardRef[] {
  return decorators
    .filter((d) => NEST.guardDecorators.includes(d.name))
    .flatMap((d) => d.args.map((arg) => guardRef(arg, where, values, settings)));
}

/** Validation pipes named by `@UsePipes(...)`. */
function pipesOf(decorators: readonly DecoratorInfo[]): string[] {
  return decorators
    .filter((d) => NEST.pipeDecorators.includes(d.name))
    .flatMap((d) => d.args.map(guardName))
    .filter((name) => VALIDATION_PIPE.test(name));
}

/** `@Param('id', ParseIntPipe) id`, `@Body() dto: CreateUserDto`: each decorated parameter is an input. */
function parameterInputs(method: ts.MethodDeclaration, pipes: readonly string[]): InputRef[] {
  const inputs: InputRef[] = [];
  for (const parameter of method.parameters) {
    for (const decorator of decoratorsOf(parameter)) {
      const source = NEST.inputDecorators[decorator.name];
      if (!source) continue;
      const [first, ...rest] = decorator.args;
      const key = first && staticText(first);
      const parameterPipes = (key === undefined ? decorator.args : rest).map(guardName).filter((name) => VALIDATION_PIPE.test(name));
      const validatedBy = parameterPipes[0] ?? (isDtoTyped(parameter) ? pipes[0] : undefined);
      inputs.push({
        source,
        node: parameter,
        ...(key !== undefined ? { key } : {}),
        bindings: ts.isIdentifier(parameter.name) ? [parameter.name.text] : [],
        ...(validatedBy ? { validatedBy } : {}),
        ...(!validatedBy && isDtoTyped(parameter) ? { needsGlobalPipe: true } : {}),
      });
    }
  }
  return inputs;
}

/** ValidationPipe checks class-typed parameters only: a `string` id or an untyped body passes unchecked. */
function isDtoTyped(parameter: ts.ParameterDeclaration): boolean {
  const type = parameter.type;
  if (!type || PRIMITIVE_TYPES.has(type.kind)) return false;
  return ts.isTypeReferenceNode(type) && !['Record', 'Partial', 'Array', 'Promise', 'Object'].includes(type.typeName.getText());
}

/** `@Req() req` reads like an Express request; `@CurrentUser() user` is the principal. */
function requestRoots(method: ts.MethodDeclaration): RequestRoot[] {
  const roots: RequestRoot[] = [];
  for (const parameter of method.parameters) {
    for (const decorator of decoratorsOf(parameter)) {
      if (NEST.requestDecorators.includes(decorator.name)) {
        roots.push({ parameter, base: [], inputs: FRAMEWORKS.express.inputs, principalPaths: FRAMEWORKS.principal.requestPaths });
      } else if (PRINCIPAL_DECORATOR.test(decorator.name)) {
        roots.push({ parameter, base: [], inputs: [], principalPaths: [], isPrincipal: true });
      }
    }
  }
  return roots;
}

export function isValidationPipe(expression: ts.Expression): boolean {
  return VALIDATION_PIPE.test(guardName(unwrapExpression(expression)));
}
