import type { WorkEventBus } from '../events.js';
import type { WorkDatabase } from '../store/work-database.js';

/**
 * The runtime's view of the event bus: an event emitted while a group commit holds uncommitted writes
 * (see `WorkDatabase.beginGroup`) reaches listeners once that group committed, in emission order, and not
 * at all if it rolled back, so listeners keep learning only about committed changes. Outside a group it is
 * emitted at once, as the bus itself does.
 */
export function commitOrderedEvents(bus: WorkEventBus, db: WorkDatabase): WorkEventBus {
  return {
    on: (name, listener) => bus.on(name, listener),
    emit: (name, payload) =>
      db.afterCommit((committed) => {
        if (committed) bus.emit(name, payload);
      }),
  };
}
