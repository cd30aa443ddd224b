/** Builds the web page when a source under web/ is newer than the last build; true when it built. */
export function buildWeb(options?: { force?: boolean }): Promise<boolean>;
