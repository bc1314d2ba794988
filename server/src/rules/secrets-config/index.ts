import type { FactCollector, RuleModule } from '../../engine/types';
import hardcodedSecret from './hardcoded-secret';
import secretEnvFallback from './secret-env-fallback';
import hardcodedEndpoint from './hardcoded-endpoint';

export const secretsConfigRules: RuleModule[] = [hardcodedSecret, secretEnvFallback, hardcodedEndpoint];

export const secretsConfigCollectors: FactCollector[] = [];
