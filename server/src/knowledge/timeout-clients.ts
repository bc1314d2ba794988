import { z } from 'zod';
import data from '../../../rules/knowledge/timeout-clients.json';
import { loadKnowledge } from './load';

const names = z.array(z.string().min(1)).min(1);

/**
 * `rules/knowledge/timeout-clients.json`: what the timeout rules know about each HTTP and database
 * client — the modules it ships as, which calls send a request, and which options bound one.
 * Qualified names are the module followed by the member path (`axios.create`).
 */
export const timeoutClientsSchema = z.strictObject({
  axios: z.strictObject({
    modules: names,
    timeoutOptions: names,
    /** Index of the config argument for each request method (`axios.post(url, data, config)` → 2). */
    configArgument: z.record(z.string().min(1), z.number().int().min(0)),
    /** Calls that make an instance from a config (`axios.create`, Nest's `HttpModule.register`). */
    factories: names,
    defaultsTimeout: z.string().min(1),
  }),
  got: z.strictObject({ modules: names, timeoutOptions: names, methods: names, factories: names }),
  http: z.strictObject({
    modules: names,
    functions: names,
    timeoutOptions: names,
    /** Options that may bound the request in a way one file can't see (a custom agent). */
    opaqueOptions: names,
    boundingMethods: names,
    boundingEvents: names,
    opaqueEvents: names,
  }),
  undici: z.strictObject({
    modules: names,
    requestFunctions: names,
    timeoutOptions: names,
    fetchFunctions: names,
    fetchTimeoutOptions: names,
    opaqueOptions: names,
    /** Dispatchers that send requests themselves; their options are the second constructor argument. */
    dispatchers: names,
    dispatcherTimeoutOptions: names,
    setGlobalDispatcher: z.string().min(1),
  }),
  superagent: z.strictObject({ modules: names, methods: names, timeoutMethods: names, sendingMethods: names }),
  pg: z.strictObject({
    modules: names,
    classes: names,
    timeoutOptions: names,
    /** Options whose string value may carry a timeout setting (`?statement_timeout=`, `-c statement_timeout=`). */
    textOptions: names,
    timeoutSettings: names,
  }),
});

export type TimeoutClients = z.infer<typeof timeoutClientsSchema>;

export const TIMEOUT_CLIENTS: TimeoutClients = loadKnowledge('timeout-clients', timeoutClientsSchema, data);
