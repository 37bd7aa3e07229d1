import type { WorkerStorage } from '@workscript/api';
import type { WorkDatabase } from '../store/work-database.js';

/** `ctx.storage` on Node: the database's `worker_storage` table, shared by every worker of the app. */
export function createWorkerStorage(db: WorkDatabase): WorkerStorage {
  const dao = db.workerStorageDao;
  const check = (key: unknown): string => {
    if (typeof key !== 'string' || key === '')
      throw new TypeError(`ctx.storage key must be a non-empty string, got ${JSON.stringify(key)}`);
    return key;
  };
  return {
    get: async (key) => dao.get(check(key)),
    set: async (key, value) => {
      if (typeof value !== 'string')
        throw new TypeError(
          `ctx.storage.set('${key}', …) takes a string; use JSON.stringify for other values`,
        );
      db.runInTransaction(() => dao.set(check(key), value));
    },
    delete: async (key) => void db.runInTransaction(() => dao.delete(check(key))),
    keys: async (prefix = '') => dao.keys(prefix),
  };
}
