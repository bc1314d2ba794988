/**
 * What the server and the VS Code client say to each other beyond LSP: one place for both
 * (this module imports nothing, so the client's bundle takes these few lines, not the server).
 */
export const STATUS_NOTIFICATION = 'prodgap/status';
export const RESCAN_COMMAND = 'prodgap.server.rescan';
export const REGISTER_COMMAND = 'prodgap.server.register';
export const SHOW_DOCS_COMMAND = 'prodgap.server.showDocumentation';

/** Risks in the workspace by severity, and whether a scan is running. */
export interface ServerStatus {
  scanning: boolean;
  counts: { error: number; warning: number; info: number };
}

/** One accepted risk of the risk register. */
export interface RegisterEntry {
  rules: string[];
  file: string;
  line: number;
  reason: string;
  owner: string;
  until: string | null;
  status: 'expired' | 'active' | 'open-ended';
}
