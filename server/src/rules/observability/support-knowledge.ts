import { z } from 'zod';
import { commented, loadKnowledge, regexSource } from '../../knowledge/load';
import criticalData from '../../../../rules/knowledge/critical-operations.json';
import observabilityData from '../../../../rules/knowledge/observability.json';

const names = z.array(z.string().min(1));

/** Schema of `rules/knowledge/critical-operations.json`. */
export const criticalOperationsSchema = commented({
  stripe: commented({ methods: names, cancellations: commented({ methods: names, keys: names }) }),
  sdks: z.array(commented({ modules: names, methods: names })),
  requests: z.array(commented({ modules: names, constructors: names })),
  functionNamePattern: regexSource,
});

/** Schema of `rules/knowledge/observability.json`. */
export const observabilitySchema = commented({
  signals: commented({ decoratorPattern: regexSource, auditReceiverPattern: regexSource, auditCalleePattern: regexSource, wrapperPattern: regexSource }),
  failureResponses: commented({ statusNamePattern: regexSource, nestExceptions: names, responseMethods: names }),
});

const critical = loadKnowledge('critical-operations', criticalOperationsSchema, criticalData);
const observability = loadKnowledge('observability', observabilitySchema, observabilityData);

/** The catalogues, compiled once. */
export const knowledge = {
  stripeMethods: new Set(critical.stripe.methods),
  stripeCancellations: { methods: new Set(critical.stripe.cancellations.methods), keys: critical.stripe.cancellations.keys },
  sdkMethods: critical.sdks.map((sdk) => ({ modules: new Set(sdk.modules), methods: new Set(sdk.methods) })),
  requestConstructors: new Set(critical.requests.flatMap((r) => r.modules.flatMap((module) => r.constructors.map((ctor) => `${module}.${ctor}`)))),
  criticalFunctionName: new RegExp(critical.functionNamePattern),
  signalDecorator: new RegExp(observability.signals.decoratorPattern),
  signalWrapper: new RegExp(observability.signals.wrapperPattern),
  auditReceiver: new RegExp(observability.signals.auditReceiverPattern, 'i'),
  auditCallee: new RegExp(observability.signals.auditCalleePattern),
  serverErrorStatusName: new RegExp(observability.failureResponses.statusNamePattern),
  nestServerExceptions: new Set(observability.failureResponses.nestExceptions),
  responseMethods: new Set(observability.failureResponses.responseMethods),
};
