import ts = require('typescript');

/**
 * Lexical scopes, built lazily: a scope's declaration table is made the first time a name is looked
 * up in it, from its direct children only, so a file pays for the scopes its rules ask about.
 */
export type Declaration =
  | { kind: 'import'; module: string; imported: string; node: ts.Node }
  | { kind: 'variable'; node: ts.VariableDeclaration; init?: ts.Expression; path: string[]; isConst: boolean }
  | { kind: 'parameter'; node: ts.ParameterDeclaration; path: string[] }
  | { kind: 'function'; node: ts.FunctionDeclaration | ts.FunctionExpression }
  | { kind: 'class'; node: ts.ClassDeclaration | ts.ClassExpression }
  | { kind: 'other'; node: ts.Node };

type Table = Map<string, Declaration>;

/** Strips the `node:` scheme so `node:http` and `http` are the same module. */
export function normalizeModule(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

function addBindingNames(
  name: ts.BindingName,
  path: string[],
  make: (id: ts.Identifier, path: string[]) => Declaration,
  table: Table,
): void {
  if (ts.isIdentifier(name)) {
    table.set(name.text, make(name, path));
    return;
  }
  if (ts.isObjectBindingPattern(name)) {
    for (const element of name.elements) {
      if (element.dotDotDotToken) {
        addBindingNames(element.name, [...path, '...'], make, table);
        continue;
      }
      const key = element.propertyName ?? element.name;
      const keyText = ts.isIdentifier(key) || ts.isStringLiteral(key) ? key.text : '?';
      addBindingNames(element.name, [...path, keyText], make, table);
    }
    return;
  }
  name.elements.forEach((element, index) => {
    if (ts.isBindingElement(element)) addBindingNames(element.name, [...path, String(index)], make, table);
  });
}

function addVariableList(list: ts.VariableDeclarationList, table: Table): void {
  const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
  for (const declaration of list.declarations) {
    addBindingNames(
      declaration.name,
      [],
      (_id, path) => ({ kind: 'variable', node: declaration, init: declaration.initializer, path, isConst }),
      table,
    );
  }
}

function addImport(declaration: ts.ImportDeclaration, table: Table): void {
  const clause = declaration.importClause;
  if (!clause || !ts.isStringLiteral(declaration.moduleSpecifier)) return;
  const module = normalizeModule(declaration.moduleSpecifier.text);
  if (clause.name) table.set(clause.name.text, { kind: 'import', module, imported: 'default', node: clause });
  const bindings = clause.namedBindings;
  if (!bindings) return;
  if (ts.isNamespaceImport(bindings)) {
    table.set(bindings.name.text, { kind: 'import', module, imported: '*', node: bindings });
    return;
  }
  for (const specifier of bindings.elements) {
    const imported = (specifier.propertyName ?? specifier.name).text;
    table.set(specifier.name.text, { kind: 'import', module, imported, node: specifier });
  }
}

function addStatements(statements: readonly ts.Statement[], table: Table): void {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) addVariableList(statement.declarationList, table);
    else if (ts.isFunctionDeclaration(statement) && statement.name) table.set(statement.name.text, { kind: 'function', node: statement });
    else if (ts.isClassDeclaration(statement) && statement.name) table.set(statement.name.text, { kind: 'class', node: statement });
    else if (ts.isImportDeclaration(statement)) addImport(statement, table);
    else if (ts.isImportEqualsDeclaration(statement)) table.set(statement.name.text, { kind: 'other', node: statement });
    else if ((ts.isEnumDeclaration(statement) || ts.isModuleDeclaration(statement)) && ts.isIdentifier(statement.name)) {
      table.set(statement.name.text, { kind: 'other', node: statement });
    }
  }
}

function buildTable(container: ts.Node): Table | undefined {
  const table: Table = new Map();
  if (ts.isSourceFile(container) || ts.isBlock(container) || ts.isModuleBlock(container)) {
    addStatements(container.statements, table);
  } else if (ts.isCaseBlock(container)) {
    for (const clause of container.clauses) addStatements(clause.statements, table);
  } else if (ts.isFunctionLike(container)) {
    for (const parameter of container.parameters) {
      addBindingNames(parameter.name, [], (_id, path) => ({ kind: 'parameter', node: parameter, path }), table);
    }
    if (ts.isFunctionExpression(container) && container.name) {
      table.set(container.name.text, { kind: 'function', node: container });
    }
  } else if (ts.isForStatement(container) || ts.isForOfStatement(container) || ts.isForInStatement(container)) {
    if (container.initializer && ts.isVariableDeclarationList(container.initializer)) addVariableList(container.initializer, table);
  } else if (ts.isCatchClause(container)) {
    const variable = container.variableDeclaration;
    if (variable) addBindingNames(variable.name, [], () => ({ kind: 'other', node: variable }), table);
  } else if (ts.isClassExpression(container) && container.name) {
    table.set(container.name.text, { kind: 'class', node: container });
  } else {
    return undefined;
  }
  return table;
}

export class ScopeResolver {
  private readonly tables = new WeakMap<ts.Node, Table | null>();

  private tableOf(container: ts.Node): Table | undefined {
    let table = this.tables.get(container);
    if (table === undefined) {
      table = buildTable(container) ?? null;
      this.tables.set(container, table);
    }
    return table ?? undefined;
  }

  /** The declaration a name refers to at `from`, or undefined for a free (global) name. */
  lookup(name: string, from: ts.Node): Declaration | undefined {
    for (let node: ts.Node | undefined = from; node; node = node.parent) {
      const found = this.tableOf(node)?.get(name);
      if (found) return found;
    }
    return undefined;
  }

  resolve(identifier: ts.Identifier): Declaration | undefined {
    return this.lookup(identifier.text, identifier);
  }
}
