/**
 * A value in the database that the runtime cannot read back, or an unknown value it was asked to store:
 * the file was changed outside the runtime or damaged, or a caller slipped past the request checks. Start-up
 * reports it as a {@link CorruptDatabaseError} naming the file.
 */
export class StoredValueError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StoredValueError';
  }
}
