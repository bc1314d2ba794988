import type { Fact, FactCollector } from '../../engine/types';

/**
 * The project's Prisma models, read from its `.prisma` files (one `schema.prisma`, or the multi-file
 * `prisma/schema/*.prisma`): which fields are unique, alone or together, and which relations a model
 * has. unbounded-query reads them to know that `{ projectId, slug }` pins one row when the model
 * declares `@@unique([projectId, slug])`, and which child rows a `_count.users` check caps.
 */
export const PRISMA_MODEL = 'resource-limits/prisma-model';
/** An enum's name: a unique key whose only free field is an enum holds one row per value. */
export const PRISMA_ENUM = 'resource-limits/prisma-enum';

export interface PrismaRelation {
  /** The relation field: `users` in `users ProjectUsers[]`. */
  field: string;
  /** The model it points to. */
  target: string;
  list: boolean;
  /** The foreign-key fields this side holds: `[projectId]` in `@relation(fields: [projectId], …)`. */
  fields?: string[];
  /** `@relation("Name", …)`: pairs the two sides when two models are related more than once. */
  name?: string;
}

export interface PrismaModelFact {
  name: string;
  /** Field sets that identify one row: `@id`, `@unique`, `@@id([…])`, `@@unique([…])`. */
  uniques: string[][];
  relations: PrismaRelation[];
}

export const prismaSchemaCollector: FactCollector = {
  name: 'resource-limits/prisma-schema',
  kinds: [],
  create: () => ({}),
  text: {
    paths: /(^|\/)[^/]+\.prisma$/,
    collect: (file) => {
      const schema = parsePrismaSchema(file.text);
      return [...schema.models.map((data): Fact => ({ kind: PRISMA_MODEL, data })), ...schema.enums.map((data): Fact => ({ kind: PRISMA_ENUM, data }))];
    },
  },
};

const MODEL_START = /^\s*model\s+(\w+)\s*\{/;
const ENUM_START = /^\s*enum\s+(\w+)\s*\{/;
const FIELD = /^\s*(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/;

/** The models and enum names of one `.prisma` file; a line it cannot read is skipped, never fatal. */
export function parsePrismaSchema(text: string): { models: PrismaModelFact[]; enums: string[] } {
  const models: PrismaModelFact[] = [];
  const enums: string[] = [];
  let current: PrismaModelFact | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '');
    if (!current) {
      const start = MODEL_START.exec(line);
      if (start) current = { name: start[1], uniques: [], relations: [] };
      const enumStart = ENUM_START.exec(line);
      if (enumStart) enums.push(enumStart[1]);
      continue;
    }
    if (/^\s*\}/.test(line)) {
      models.push(current);
      current = undefined;
      continue;
    }
    const block = /^\s*@@(id|unique)\s*\(\s*(?:fields\s*:\s*)?\[([^\]]*)\]/.exec(line);
    if (block) {
      const fields = names(block[2]);
      if (fields.length) current.uniques.push(fields);
      continue;
    }
    const field = FIELD.exec(line);
    if (!field || line.trimStart().startsWith('@')) continue;
    const [, name, type, list, , attributes] = field;
    if (/@(id|unique)\b/.test(attributes)) current.uniques.push([name]);
    const relation = /@relation\s*\(([^)]*)\)/.exec(attributes);
    const isModelType = /^[A-Z]/.test(type) && !SCALARS.has(type);
    if (!isModelType) continue;
    const fields = relation && /fields\s*:\s*\[([^\]]*)\]/.exec(relation[1]);
    const relationName = relation && /^\s*(?:name\s*:\s*)?"([^"]+)"/.exec(relation[1]);
    current.relations.push({
      field: name,
      target: type,
      list: !!list,
      ...(fields ? { fields: names(fields[1]) } : {}),
      ...(relationName ? { name: relationName[1] } : {}),
    });
  }
  return { models, enums };
}

/** Prisma's scalar types: a field of any other capitalised type is a relation, or an enum (which names no model, so no lookup finds it). */
const SCALARS = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes', 'Unsupported']);

function names(list: string): string[] {
  return list
    .split(',')
    .map((item) => item.trim().replace(/\(.*$/, '').trim())
    .filter((item) => /^\w+$/.test(item));
}
