import type { FactCollector, RuleModule } from '../../engine/types';
import fetchWithoutSignal from './fetch-without-signal';

export const timeoutRules: RuleModule[] = [fetchWithoutSignal];

export const timeoutCollectors: FactCollector[] = [];
