import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { Session } from './session';

// `--stdio`, `--node-ipc` and `--socket=N` are read by createConnection from the command line.
const connection = createConnection(ProposedFeatures.all);

// A bug in one request must not take the editor's diagnostics down with it: log (no source text) and go on.
process.on('uncaughtException', (error) => connection.console.error(`prodgap: internal error: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`prodgap: internal error: ${String((reason as Error)?.stack ?? reason)}`));

new Session(connection).listen();
