import { z } from 'zod';
import { loadKnowledge, commented } from '../../knowledge/load';
import data from '../../../../rules/knowledge/error-handling.json';

const names = z.array(z.string().min(1));
const pattern = z.string().refine((source) => {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}, 'must be a valid regular expression');

/** Schema of `rules/knowledge/error-handling.json`. */
export const errorHandlingKnowledgeSchema = commented({
  expectedFailure: commented({
    functions: names,
    modules: names,
    methods: names,
    methodPattern: pattern,
    cacheReceiverPattern: pattern,
    cacheMethods: names,
    missingRowDeletes: names,
    missingRowUpdates: names,
    claimPattern: pattern,
  }),
  matters: commented({ clients: names, methods: names, namePattern: pattern, syncWrites: names, queueMethods: names, queueReceiverPattern: pattern, bestEffortUrlPattern: pattern }),
  cleanup: commented({ methods: names }),
  reads: commented({ methodPattern: pattern, notPattern: pattern }),
  recording: commented({ receiverPattern: pattern, calleePattern: pattern, modules: names }),
  unawaited: commented({ methods: names, transactionMethods: names }),
  handoff: commented({ functions: names }),
  intentComment: commented({ pattern }),
  bestEffortFunctionPattern: pattern,
});

const raw = loadKnowledge('error-handling', errorHandlingKnowledgeSchema, data);

/** The catalogue, compiled once: sets for names, case-insensitive RegExps for patterns. */
export const knowledge = {
  expectedFunctions: new Set(raw.expectedFailure.functions),
  expectedModules: new Set(raw.expectedFailure.modules),
  expectedMethods: new Set(raw.expectedFailure.methods),
  expectedMethodPattern: new RegExp(raw.expectedFailure.methodPattern),
  cacheReceiver: new RegExp(raw.expectedFailure.cacheReceiverPattern, 'i'),
  cacheMethods: new Set(raw.expectedFailure.cacheMethods),
  missingRowDeletes: new Set(raw.expectedFailure.missingRowDeletes),
  missingRowUpdates: new Set(raw.expectedFailure.missingRowUpdates),
  claimMethod: new RegExp(raw.expectedFailure.claimPattern),
  matterClients: new Set(raw.matters.clients),
  syncWrites: new Set(raw.matters.syncWrites),
  matterMethods: new Set(raw.matters.methods),
  matterName: new RegExp(raw.matters.namePattern),
  queueMethods: new Set(raw.matters.queueMethods),
  queueReceiver: new RegExp(raw.matters.queueReceiverPattern, 'i'),
  bestEffortUrl: new RegExp(raw.matters.bestEffortUrlPattern, 'i'),
  cleanupMethods: new Set(raw.cleanup.methods),
  readMethod: new RegExp(raw.reads.methodPattern),
  readNot: new RegExp(raw.reads.notPattern),
  recordingReceiver: new RegExp(raw.recording.receiverPattern, 'i'),
  recordingCallee: new RegExp(raw.recording.calleePattern, 'i'),
  recordingModules: new Set(raw.recording.modules),
  promiseMethods: new Set(raw.unawaited.methods),
  transactionMethods: new Set(raw.unawaited.transactionMethods),
  handoffFunctions: new Set(raw.handoff.functions),
  intentComment: new RegExp(raw.intentComment.pattern, 'i'),
  bestEffortFunction: new RegExp(raw.bestEffortFunctionPattern),
};
