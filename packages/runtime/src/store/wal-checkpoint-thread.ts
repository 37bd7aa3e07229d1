// The checkpoint thread of a file database: a second connection that only runs WAL checkpoints, so the
// main connection's commits never wait for a checkpoint's fsyncs. See wal-checkpointer.ts.
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import {
  CheckpointThreadState,
  type CheckpointThreadData,
  type CheckpointThreadMessage,
} from './wal-checkpoint-protocol.js';

const { filename, state } = workerData as CheckpointThreadData;
const port = parentPort;
if (port === null) throw new Error('wal-checkpoint-thread runs as a worker thread only');

let db: BetterSqlite3.Database | undefined;

/** Closes the connection first, so the main thread's close can be the last one and remove the WAL file. */
function closeConnection(): void {
  try {
    db?.close();
  } finally {
    Atomics.store(state, 0, CheckpointThreadState.CLOSED);
    Atomics.notify(state, 0);
  }
}

try {
  db = new BetterSqlite3(filename, { fileMustExist: true });
  Atomics.store(state, 0, CheckpointThreadState.OPEN);
} catch (e) {
  closeConnection();
  throw e;
}

port.on('message', (message: CheckpointThreadMessage) => {
  if (message === 'close') {
    closeConnection();
    port.close();
    return;
  }
  try {
    // PASSIVE never blocks the main connection: it copies what no reader still needs and leaves the rest
    // for the next round.
    db?.pragma('wal_checkpoint(PASSIVE)');
  } catch (e) {
    closeConnection();
    throw e;
  }
});
