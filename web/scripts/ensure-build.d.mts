/** True when web/dist is missing or older than one of the app's sources. */
export function webBuildIsStale(): boolean;
/** Runs `vite build` in a child process; resolves with its output, rejects with it when the build fails. */
export function buildWeb(opts?: { quiet?: boolean }): Promise<string>;
/** Builds web/dist if it is stale; resolves true when it built. */
export function ensureWebBuild(opts?: { quiet?: boolean }): Promise<boolean>;
