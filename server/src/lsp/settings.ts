/** Per-resource settings of the `prodgap` section; what a client does not answer falls back to these. */
export interface ServerSettings {
  enable: boolean;
  scanWorkspace: boolean;
  /** Analyze as you type, or only when the file is saved. */
  run: 'onType' | 'onSave';
  /** Show engine notices (malformed acceptances, skipped files, rule errors) as information diagnostics. */
  showNotices: boolean;
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, scanWorkspace: true, run: 'onType', showNotices: true };

/** Merges whatever a client answered (null, partial, wrongly typed) over the defaults. */
export function normalizeSettings(raw: unknown): ServerSettings {
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    scanWorkspace: typeof value.scanWorkspace === 'boolean' ? value.scanWorkspace : DEFAULT_SETTINGS.scanWorkspace,
    run: value.run === 'onSave' ? 'onSave' : DEFAULT_SETTINGS.run,
    showNotices: typeof value.showNotices === 'boolean' ? value.showNotices : DEFAULT_SETTINGS.showNotices,
  };
}
