import type { FactCollector, RuleModule } from '../../engine/types';
import fetchWithoutSignal from './fetch-without-signal';
import axiosWithoutTimeout from './axios-without-timeout';
import { timeoutDefaultsCollector } from './facts';

export const timeoutRules: RuleModule[] = [fetchWithoutSignal, axiosWithoutTimeout];

export const timeoutCollectors: FactCollector[] = [timeoutDefaultsCollector];
