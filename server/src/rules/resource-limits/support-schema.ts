import type { ProjectFacts } from '../../engine/types';
import { CAPPED_COUNT, type CappedCountFact } from './facts-capped-counts';
import { PRISMA_ENUM, PRISMA_MODEL, type PrismaModelFact, type PrismaRelation } from './facts-prisma-schema';
import type { RowProbe } from './support-where';

/** The project's Prisma models and capped counts, for the reads only the whole project can judge. */
interface SchemaIndex {
  /** Models by the client's name (first letter lower-cased). */
  models: Map<string, PrismaModelFact>;
  enums: Set<string>;
  caps: CappedCountFact[];
}

const clientName = (model: string) => model.charAt(0).toLowerCase() + model.slice(1);

const indexes = new WeakMap<ProjectFacts, { version: number; index: SchemaIndex }>();

function schemaIndex(facts: ProjectFacts): SchemaIndex {
  const cached = indexes.get(facts);
  if (cached && cached.version === facts.version) return cached.index;
  const models = new Map<string, PrismaModelFact>();
  for (const model of facts.all(PRISMA_MODEL) as PrismaModelFact[]) models.set(clientName(model.name), model);
  const index = { models, enums: new Set(facts.all(PRISMA_ENUM) as string[]), caps: facts.all(CAPPED_COUNT) as CappedCountFact[] };
  indexes.set(facts, { version: facts.version, index });
  return index;
}

/** Why a read is bounded after all, seen from the whole project; undefined when it is not. */
export function boundedInProject(probe: RowProbe, facts: ProjectFacts): 'unique' | 'capped' | undefined {
  const index = schemaIndex(facts);
  const model = index.models.get(probe.model);
  // Every field of a unique key pinned, or all but one enum (`@@unique([programId, type])`: one row per type).
  const isEnum = (field: string) => !!model?.relations.some((r) => r.field === field && !r.list && index.enums.has(r.target));
  const pinsUnique = (set: string[]) => {
    const free = set.filter((field) => !probe.keys.includes(field));
    return free.length === 0 || (free.length === 1 && set.length > 1 && isEnum(free[0]));
  };
  if (model?.uniques.some(pinsUnique)) return 'unique';
  if (isCapped(probe.model, probe.keys, probe.fields, index)) return 'capped';
  // `user.findMany({ where: { teams: { some: { teamId } } } })`: each user has its own membership row of
  // the team, so the users are no more than the team's memberships.
  for (const filter of probe.some) {
    const relation = model?.relations.find((r) => r.field === filter.field && r.list);
    if (relation && isCapped(clientName(relation.target), filter.keys, filter.fields, index)) return 'capped';
  }
  return undefined;
}

/**
 * Rows of `model` that a read pins by `keys` and filters on `fields` are capped by a count the code
 * checks where it creates them: the count pins the same keys and filters no more narrowly.
 */
function isCapped(model: string, keys: readonly string[], fields: readonly string[], index: SchemaIndex): boolean {
  if (keys.length === 0) return false;
  for (const cap of index.caps) {
    if (cap.model !== undefined && cap.model === model && !!cap.keys?.every((k) => keys.includes(k)) && (cap.fields ?? []).every((f) => fields.includes(f))) return true;
    if (cap.relation === undefined) continue;
    // `team._count.users`: the rows of Team's `users` relation, keyed by the child's foreign key to Team.
    const parent = index.models.get(cap.relation.parent);
    const relation = parent?.relations.find((r) => r.field === cap.relation!.field && r.list);
    if (parent && relation && clientName(relation.target) === model && foreignKeys(parent.name, relation, index).some((k) => keys.includes(k))) return true;
  }
  return false;
}

/** The fields of the child that point back at the parent: `projectId` of `project Project @relation(fields: [projectId], …)`. */
function foreignKeys(parent: string, relation: PrismaRelation, index: SchemaIndex): string[] {
  const child = index.models.get(clientName(relation.target));
  const back = child?.relations.filter((r) => r.target === parent && r.fields && (relation.name === undefined || r.name === relation.name));
  return back?.length === 1 ? back[0].fields! : [];
}
