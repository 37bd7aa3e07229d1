import { Data } from '@workscript/api';
import { StoredValueError } from './stored-value-error.js';

/**
 * The Data a column holds. Data decodes whatever the runtime wrote, so what it refuses (not a blob, over
 * 10,240 bytes, bytes that are not Data) was written by something else: a stored value that cannot be
 * read, which the WorkManager reports as a `CorruptDatabaseError` naming the file.
 * @param where - the column and row, for the message (`work_progress.progress of work <id>`).
 * @throws StoredValueError naming `where` and why Data refused it.
 */
export function storedData(bytes: unknown, where: string): Data {
  try {
    return Data.fromByteArray(bytes as Uint8Array);
  } catch (e) {
    throw new StoredValueError(`${where} cannot be read as Data: ${(e as Error).message}`, { cause: e });
  }
}
