/** The `queueMicrotask` global, as the prelude defines it. */
export type QueueMicrotask = (callback: () => void) => void;

/**
 * Defines `queueMicrotask` on `target` (QuickJS has none) over a resolved promise's `then`, which queues the
 * same kind of job at the same moment, so callbacks run in the order Node runs them. A callback that throws
 * does not reject anything the worker sees; its error goes to `onCallbackError` (Node reports it as an
 * uncaught exception).
 *
 * @throws TypeError from the defined function when its argument is not a function.
 */
export function installQueueMicrotask(
  target: { queueMicrotask?: QueueMicrotask },
  onCallbackError: (error: unknown) => void,
): void {
  target.queueMicrotask = (callback: unknown): void => {
    if (typeof callback !== 'function') {
      throw new TypeError(`queueMicrotask needs a function, got ${typeof callback}`);
    }
    void Promise.resolve().then(() => {
      try {
        (callback as () => void)();
      } catch (e) {
        onCallbackError(e);
      }
    });
  };
}
