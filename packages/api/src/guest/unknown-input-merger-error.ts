/** `merge` was called with a merger name the bundle does not register. */
export class UnknownInputMergerError extends Error {
  constructor(mergerName: string, known: readonly string[]) {
    super(
      `Unknown input merger ${JSON.stringify(mergerName)}. Known input mergers: ${known.length === 0 ? '(none)' : known.join(', ')}.`,
    );
    this.name = 'UnknownInputMergerError';
  }
}
