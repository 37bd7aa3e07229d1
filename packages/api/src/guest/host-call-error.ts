/** A host call replied `{"ok":false,"error":{"message","code"}}`; the worker sees it as a thrown Error. */
export class HostCallError extends Error {
  /** The host's error code, e.g. `unknown-method`. */
  readonly code: string;
  /** The bridge method that failed, e.g. `fetch`. */
  readonly method: string;

  constructor(method: string, code: string, message: string) {
    super(message);
    this.name = 'HostCallError';
    this.code = code;
    this.method = method;
  }
}
