/** Where time comes from (androidx `Clock`). Only the default clock reads the system time. */
export interface Clock {
  /** Current time in epoch ms. */
  currentTimeMillis(): number;
}

/** The default {@link Clock}: `Date.now()`. */
export const systemClock: Clock = Object.freeze({ currentTimeMillis: () => Date.now() });
