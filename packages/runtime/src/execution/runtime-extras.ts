/**
 * androidx `WorkerParameters.RuntimeExtras`: what the scheduler that starts an attempt knows about why it
 * runs now. On Android JobScheduler fills it; here the GreedyScheduler's content-URI trigger tracking does.
 */
export interface RuntimeExtras {
  /** The content URIs whose changes started the attempt: the first 50 distinct ones, in the order they were reported. */
  readonly triggeredContentUris: readonly string[];
  /** The authorities of those changes, each once. */
  readonly triggeredContentAuthorities: readonly string[];
}

/** Extras of an attempt no content change started. */
export const NO_RUNTIME_EXTRAS: RuntimeExtras = Object.freeze({
  triggeredContentUris: Object.freeze([]),
  triggeredContentAuthorities: Object.freeze([]),
});
