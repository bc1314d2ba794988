import { z } from 'zod';
import { commented, loadKnowledge, regexSource } from '../../knowledge/load';
import data from '../../../../rules/knowledge/queries.json';

const names = z.array(z.string().min(1));

const optionStyle = commented({
  orm: z.string().min(1),
  methods: names,
  receiverPattern: regexSource,
  /** Index of the options object; -1: the last object-literal argument (TypeORM's `manager.find(Entity, options)`). */
  optionsArgument: z.number().int().min(-1),
  limitKeys: names,
  insertKey: z.string().min(1).optional(),
  /** The argument is the where clause itself (`findBy(where)`). */
  whereIsArgument: z.boolean().optional(),
});

const chainStyle = commented({
  orm: z.string().min(1),
  methods: names,
  receiverPattern: z.string(),
  whereArgument: z.number().int().min(0).optional(),
  limitMethods: names,
  /** Where the fix puts `.limit(n)`: right after the query call (order-free chains such as Mongoose) … */
  insertAfterCall: z.boolean().optional(),
  /** … or as this method before the terminal call (`.take(n).getMany()`). */
  insertMethod: z.string().min(1).optional(),
});

/** Schema of `rules/knowledge/queries.json`. */
export const queriesKnowledgeSchema = commented({
  optionStyle: z.array(optionStyle),
  chainStyle: z.array(chainStyle),
  builders: commented({ drizzleSelect: names, knexRoots: regexSource, readMethods: names, limitMethods: names, writeMethods: names }),
  settingsTables: commented({ pattern: regexSource }),
  labelModels: commented({ pattern: regexSource, labelKey: regexSource }),
  uniqueKeys: names,
});

const raw = loadKnowledge('queries', queriesKnowledgeSchema, data);

export type OptionStyle = (typeof raw.optionStyle)[number] & { receiver: RegExp };
export type ChainStyle = (typeof raw.chainStyle)[number] & { receiver?: RegExp };

export const QUERIES = {
  optionStyle: raw.optionStyle.map((style): OptionStyle => ({ ...style, receiver: new RegExp(style.receiverPattern) })),
  chainStyle: raw.chainStyle.map((style): ChainStyle => ({ ...style, receiver: style.receiverPattern ? new RegExp(style.receiverPattern) : undefined })),
  drizzleSelect: new Set(raw.builders.drizzleSelect),
  knexRoot: new RegExp(raw.builders.knexRoots),
  readMethods: new Set(raw.builders.readMethods),
  builderLimits: new Set(raw.builders.limitMethods),
  writeMethods: new Set(raw.builders.writeMethods),
  settingsTable: new RegExp(raw.settingsTables.pattern, 'i'),
  labelModel: new RegExp(raw.labelModels.pattern, 'i'),
  labelKey: new RegExp(raw.labelModels.labelKey, 'i'),
  uniqueKeys: raw.uniqueKeys,
};
