/** What `WalCheckpointer` hands its thread (`workerData`). */
export interface CheckpointThreadData {
  /** The database file; the thread opens its own connection to it. */
  readonly filename: string;
  /** One Int32 the thread sets to a {@link CheckpointThreadState}; the main thread waits on it at close. */
  readonly state: Int32Array;
}

/** Where the checkpoint thread's connection is, in {@link CheckpointThreadData.state}. */
export const CheckpointThreadState = {
  STARTING: 0,
  OPEN: 1,
  /** Its connection is closed (at close, or after an error): the main connection may be the last one. */
  CLOSED: 2,
} as const;

/** Main → checkpoint thread. */
export type CheckpointThreadMessage = 'checkpoint' | 'close';
