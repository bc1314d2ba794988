import type { FactCollector, RuleModule } from '../../engine/types';
import fetchWithoutSignal from './fetch-without-signal';
import axiosWithoutTimeout from './axios-without-timeout';
import gotWithoutTimeout from './got-without-timeout';
import httpRequestWithoutTimeout from './http-request-without-timeout';
import undiciWithoutTimeout from './undici-without-timeout';
import superagentWithoutTimeout from './superagent-without-timeout';
import pgWithoutStatementTimeout from './pg-without-statement-timeout';
import { timeoutDefaultsCollector } from './facts';

export const timeoutRules: RuleModule[] = [fetchWithoutSignal, axiosWithoutTimeout, gotWithoutTimeout, httpRequestWithoutTimeout, undiciWithoutTimeout, superagentWithoutTimeout, pgWithoutStatementTimeout];

export const timeoutCollectors: FactCollector[] = [timeoutDefaultsCollector];
