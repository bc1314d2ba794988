import type { FactCollector } from '../engine/types';

/** Collectors of project facts, gathered in the same walk as the rules. */
export const factCollectors: FactCollector[] = [];
