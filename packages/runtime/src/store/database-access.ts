import { MalformedDataError } from '@workscript/api';
import { DatabaseAccessError } from '../errors.js';
import { StoredValueError } from './stored-value-error.js';

/**
 * SQLite result codes (better-sqlite3's `SqliteError.code`, extended codes included by prefix) that say the
 * file could not be reached, as opposed to a file that is not a database (NOTADB, CORRUPT): the ones a
 * later attempt may get past. androidx retries the same family at start-up (locked, can't open, disk I/O,
 * access permission, full).
 */
const ACCESS_CODES = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_PERM',
  'SQLITE_READONLY',
  'SQLITE_FULL',
] as const;

/** True for an error that means "could not reach the file" rather than "the file is wrong". */
export function isDatabaseAccessFailure(e: unknown): boolean {
  if (e instanceof DatabaseAccessError) return true;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && ACCESS_CODES.some((c) => code === c || code.startsWith(`${c}_`));
}

/**
 * True for an error that means "this Workscript database cannot be read": SQLite finding a damaged file, a
 * stored value the runtime does not know ({@link StoredValueError}), or stored Data that does not decode.
 */
export function isCorruption(e: unknown): boolean {
  if (e instanceof StoredValueError || e instanceof MalformedDataError) return true;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}
