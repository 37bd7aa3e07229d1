/** An error as the guest reports it in ResultJson and MergeResultJson (`describeError` of `@workscript/api`). */
export interface GuestErrorJson {
  readonly name: string;
  readonly message: string;
  /** The guest's frames (QuickJS writes no `Name: message` line), or `''` for a thrown non-Error. */
  readonly stack: string;
}

/**
 * The host-side Error for a guest error: the guest's name and message, and a V8-style stack (`Name: message`
 * then the frames) with the frames mapped to the `.ts` sources when the engine thread could map them, so it
 * reads like the inline engine's errors.
 */
export function toGuestError(error: GuestErrorJson, mappedStack: string | undefined): Error {
  const result = new Error(error.message);
  result.name = error.name;
  result.stack = `${error.name}: ${error.message}\n${mappedStack ?? error.stack}`.trimEnd();
  return result;
}
