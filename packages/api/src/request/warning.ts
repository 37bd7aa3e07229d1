/** Receives a warning about a value WorkManager adjusts rather than rejects (e.g. a clamped backoff). */
export type WarningSink = (message: string) => void;

// The API package runs in Node, in QuickJS and in bundlers; it declares only the console it uses.
const hostConsole = (globalThis as { console?: { warn(message: string): void } }).console;

/** Default sink: `console.warn` with the `workscript:` prefix, as WorkManager logs these with `Logger.w`. */
export const consoleWarning: WarningSink = (message) => hostConsole?.warn(`workscript: ${message}`);
