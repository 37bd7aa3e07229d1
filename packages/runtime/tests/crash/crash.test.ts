import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { StopReason } from '@workscript/api';
import BetterSqlite3 from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkManager, silentLogger, type Clock } from '../../src/index.js';

/**
 * Proof of "nothing lost on a crash" (spec §12): a child process runs a mixed workload on a file database
 * with the built runtime and is SIGKILLed at seeded random points; after every kill the database is
 * checked (on a copy, so the next child still finds RUNNING rows to recover), and at the end every work
 * item must be in the state WorkManager gives it, with a side-effect log showing no run after success.
 * Besides chains, retries and periodic work, the workload enqueues unique work under every policy and cancels
 * work by id and by tag (spec §8, §10); the log shows no run of cancelled or deleted work after its cancel
 * or deletion committed.
 *
 * Reproduce a failure with CRASH_SEED=<seed printed below> npx vitest run tests/crash.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE_ROOT = join(HERE, '../..');
const CHILD = join(HERE, 'crash-child.mjs');

const KILLS = 24;
const SPEED = 1000; // virtual ms per real ms: 10 s of backoff takes 10 ms, a 15-min period 0.9 s
const WAVES = 8;
const WAVE_SPACING_MS = 1_500_000; // virtual: a wave every 1.5 s of real time
const INTERVAL_MS = 900_000;
const FLEX_MS = 300_000;
const MIN_PERIODS = 3;
const STATE = ['ENQUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'BLOCKED', 'CANCELLED'] as const;
/**
 * Unique work and cancellation (spec §8, §10), planned per wave (which scenarios, policies and due times
 * come from the seed). Every scenario's outcome is deterministic however the kills fall: what must still be
 * unfinished when an operation commits is a Gate, which cannot succeed before that operation's marker is
 * logged (after its commit), or work delayed by a month; what must be finished waits in `after`.
 */
const SCENARIOS = [
  'keepRunning',
  'keepFinished',
  'replaceRunning',
  'appendRunning',
  'appendOrReplaceRunning',
  'appendOrReplaceFailed',
  'appendFailed',
  'cancelById',
  'cancelByTag',
] as const;
const GROUPS_PER_WAVE = 2;
const MONTH_MS = 30 * 86_400_000;
const POLICIES = ['KEEP', 'REPLACE', 'APPEND', 'APPEND_OR_REPLACE'] as const;

interface PlannedRequest {
  id: string;
  worker: 'Step' | 'Flaky' | 'Doomed' | 'Gate';
  input: Record<string, number>;
  initialDelayMs?: number;
  backoff?: { policy: 'EXPONENTIAL' | 'LINEAR'; delayMs: number };
  tags?: string[];
  /** Planned operations only: the key of the operation that enqueues it. */
  op?: number;
  /** Work whose runs must all come before this work's first run (planned operations only). */
  prereqs?: string[];
  /** What WorkManager must end with. */
  expect: {
    /** ABSENT: never stored (a KEEP that kept the old work). */
    state: 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'ABSENT';
    output?: Record<string, number | string>;
    minAttempts?: number;
    stopReason?: number;
    /** It never runs (blocked behind failed or cancelled work, or delayed past its cancel). */
    neverRuns?: boolean;
    /** Cancelled (by a cancel or a REPLACE) by this operation: no run is logged after its marker. */
    endedBy?: number;
    /**
     * Deleted by this operation (REPLACE, or KEEP / APPEND_OR_REPLACE over a finished chain; spec §8.1): gone
     * at the end, `state` is what it had before. No run is logged after that operation's marker; the record may
     * vanish once the marker of `mayVanishAfter`, the operation before it, is in the log.
     */
    deletedBy?: number;
    mayVanishAfter?: number;
  };
}
type Continuation = PlannedRequest[][];
type Policy = (typeof POLICIES)[number];
/** A planned operation; the child issues it until one commits (see crash-child.mjs `runDueOps`). */
interface PlannedOp {
  key: number;
  /** Issued no earlier than this (virtual ms after the start), after the group's previous operation. */
  dueOffsetMs: number;
  /** …and only once this work has finished. */
  after?: string[];
  kind: 'enqueue' | 'unique' | 'cancelById' | 'cancelByTag';
  /** enqueue: independent continuations. */
  continuations?: Continuation[];
  /** unique: one continuation, beginUniqueWork(name, policy, levels[0]).then(levels[1])… */
  name?: string;
  policy?: Policy;
  levels?: Continuation;
  /** cancelById: the id; cancelByTag: the tag. */
  target?: string;
}
/** Operations issued in order; groups are independent of each other. */
interface PlannedGroup {
  scenario: string;
  ops: PlannedOp[];
}
interface Plan {
  seed: number;
  /**
   * Retention of finished work. Virtual time runs 1000× faster, so a slow machine could pass the one-day
   * auto-prune (spec §11.4) within the test; a week keeps finished roots, whose re-enqueue would be a rerun.
   */
  keepResultsForAtLeastMs: number;
  /** Children before this number are killed; the one with this number runs to the end. */
  kills: number;
  speed: number;
  realStart: number;
  virtualStart: number;
  dbFile: string;
  logFile: string;
  workerJitterMs: number;
  periodic: { id: string; intervalMs: number; flexMs: number };
  waves: { dueOffsetMs: number; continuations: Continuation[] }[];
  groups: PlannedGroup[];
}

function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function createPlan(seed: number, dir: string): Plan {
  const random = createRandom(seed);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
  const exp = { policy: 'EXPONENTIAL', delayMs: 10_000 } as const;
  const lin = { policy: 'LINEAR', delayMs: 10_000 } as const;
  const waves = Array.from({ length: WAVES }, (_, w) => {
    const succeedAt = (k: number) => 1 + ((w + k) % 3);
    const chain: Continuation = [
      // Odd waves delay the chain's root by 5 min: the delay must hold across restarts too.
      [
        {
          id: uuid(),
          worker: 'Step',
          input: { value: 0 },
          ...(w % 2 === 1 ? { initialDelayMs: 300_000 } : {}),
          expect: { state: 'SUCCEEDED', output: { value: 1 } },
        },
      ],
      [{ id: uuid(), worker: 'Step', input: {}, expect: { state: 'SUCCEEDED', output: { value: 2 } } }],
      [{ id: uuid(), worker: 'Step', input: {}, expect: { state: 'SUCCEEDED', output: { value: 3 } } }],
    ];
    const fanIn: Continuation = [
      [
        {
          id: uuid(),
          worker: 'Step',
          input: { value: 10 },
          expect: { state: 'SUCCEEDED', output: { value: 11 } },
        },
        {
          id: uuid(),
          worker: 'Flaky',
          input: { succeedAt: succeedAt(0) },
          backoff: exp,
          expect: { state: 'SUCCEEDED', minAttempts: succeedAt(0) + 1 },
        },
      ],
      [{ id: uuid(), worker: 'Step', input: {}, expect: { state: 'SUCCEEDED', output: { value: 12 } } }],
    ];
    const retryExponential: Continuation = [
      [
        {
          id: uuid(),
          worker: 'Flaky',
          input: { succeedAt: succeedAt(1) },
          backoff: exp,
          expect: { state: 'SUCCEEDED', minAttempts: succeedAt(1) + 1 },
        },
      ],
    ];
    const retryLinear: Continuation = [
      [
        {
          id: uuid(),
          worker: 'Flaky',
          input: { succeedAt: succeedAt(2) },
          backoff: lin,
          expect: { state: 'SUCCEEDED', minAttempts: succeedAt(2) + 1 },
        },
      ],
    ];
    const doomed: Continuation = [
      [
        {
          id: uuid(),
          worker: 'Doomed',
          input: {},
          backoff: exp,
          expect: { state: 'FAILED', output: { reason: 'doomed' }, minAttempts: 2 },
        },
      ],
      [{ id: uuid(), worker: 'Step', input: {}, expect: { state: 'FAILED' } }],
    ];
    return {
      dueOffsetMs: w * WAVE_SPACING_MS,
      continuations: [chain, fanIn, retryExponential, retryLinear, doomed],
    };
  });
  const groups = createGroups(
    random,
    uuid,
    waves.map((w) => w.dueOffsetMs),
  );
  const realStart = Date.now();
  return {
    seed,
    kills: KILLS,
    keepResultsForAtLeastMs: 7 * 86_400_000,
    speed: SPEED,
    realStart,
    virtualStart: realStart,
    dbFile: join(dir, 'work.db'),
    logFile: join(dir, 'side-effects.log'),
    workerJitterMs: 40,
    periodic: { id: uuid(), intervalMs: INTERVAL_MS, flexMs: FLEX_MS },
    waves,
    groups,
  };
}

/**
 * The unique-work and cancellation groups: GROUPS_PER_WAVE per wave, scenarios in a seeded order (so every
 * seed covers each of them). The first operation is due with the wave, the later ones 0.1–0.7 s (real) later,
 * so a Gate runs (and retries) a few times first. On an empty name every policy simply inserts (§8), so the
 * first operation's policy is drawn too.
 */
function createGroups(random: () => number, uuid: () => string, waveOffsets: number[]): PlannedGroup[] {
  const lin = { policy: 'LINEAR', delayMs: 10_000 } as const;
  const exp = { policy: 'EXPONENTIAL', delayMs: 10_000 } as const;
  const order: string[] = [...SCENARIOS];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  let nextKey = 0;
  const pick = () => POLICIES[Math.floor(random() * POLICIES.length)] as Policy;
  type Expect = PlannedRequest['expect'];
  const step = (input: Record<string, number>, expect: Expect, extra: Partial<PlannedRequest> = {}) =>
    ({ id: uuid(), worker: 'Step', input, expect, ...extra }) as PlannedRequest;
  const gate = (gateKey: number, expect: Expect, extra: Partial<PlannedRequest> = {}) =>
    ({
      id: uuid(),
      worker: 'Gate',
      input: { gate: gateKey, value: 0 },
      backoff: lin,
      expect,
      ...extra,
    }) as PlannedRequest;
  const doomed = (expect: Partial<Expect> = {}): PlannedRequest => ({
    id: uuid(),
    worker: 'Doomed',
    input: {},
    backoff: exp,
    expect: { state: 'FAILED', output: { reason: 'doomed' }, minAttempts: 2, ...expect },
  });
  const own = (key: number, levels: Continuation) => {
    for (const r of levels.flat()) r.op = key;
    return levels;
  };
  const unique = (key: number, dueOffsetMs: number, name: string, policy: Policy, levels: Continuation) =>
    ({ key, dueOffsetMs, kind: 'unique', name, policy, levels: own(key, levels) }) as PlannedOp;
  const enqueue = (key: number, dueOffsetMs: number, continuations: Continuation[]) =>
    ({
      key,
      dueOffsetMs,
      kind: 'enqueue',
      continuations: continuations.map((c) => own(key, c)),
    }) as PlannedOp;

  return waveOffsets.flatMap((waveOffset, w) =>
    Array.from({ length: GROUPS_PER_WAVE }, (_, g): PlannedGroup => {
      const scenario = order[(w * GROUPS_PER_WAVE + g) % order.length] as (typeof SCENARIOS)[number];
      const at = waveOffset + Math.floor(random() * 300_000);
      const later = at + 100_000 + Math.floor(random() * 600_000);
      const name = `unique-${w}-${g}`;
      const [k0, k1, k2, k3] = [nextKey++, nextKey++, nextKey++, nextKey++] as [
        number,
        number,
        number,
        number,
      ];
      switch (scenario) {
        case 'keepRunning': {
          // KEEP while a member is ENQUEUED/RUNNING (the Gate waits for this KEEP): nothing is inserted.
          const old = gate(k1, { state: 'SUCCEEDED', output: { value: 1 } });
          const dropped = step({ value: 0 }, { state: 'ABSENT' });
          return {
            scenario,
            ops: [unique(k0, at, name, pick(), [[old]]), unique(k1, later, name, 'KEEP', [[dropped]])],
          };
        }
        case 'keepFinished': {
          // KEEP when every member finished behaves like REPLACE: the finished member is deleted.
          const old = step({ value: 0 }, { state: 'SUCCEEDED', deletedBy: k1, mayVanishAfter: k0 });
          const fresh = step({ value: 30 }, { state: 'SUCCEEDED', output: { value: 31 } });
          return {
            scenario,
            ops: [
              unique(k0, at, name, pick(), [[old]]),
              { ...unique(k1, later, name, 'KEEP', [[fresh]]), after: [old.id] },
            ],
          };
        }
        case 'replaceRunning': {
          // REPLACE cancels the unfinished members (the Gate may be RUNNING) and deletes every member; the
          // new chain starts afresh (its root's own input, no prerequisite).
          const gone = { state: 'CANCELLED', endedBy: k1, deletedBy: k1, mayVanishAfter: k0 } as const;
          const old = gate(k1, gone);
          const oldDependent = step({}, { ...gone, neverRuns: true });
          const first = step({ value: 40 }, { state: 'SUCCEEDED', output: { value: 41 } });
          const second = step({}, { state: 'SUCCEEDED', output: { value: 42 } }, { prereqs: [first.id] });
          return {
            scenario,
            ops: [
              unique(k0, at, name, pick(), [[old], [oldDependent]]),
              unique(k1, later, name, 'REPLACE', [[first], [second]]),
            ],
          };
        }
        case 'appendRunning': {
          // APPEND onto a chain still running: the new work depends on the leaf (Gate → leaf → appended),
          // and receives the leaf's output.
          const root = gate(k1, { state: 'SUCCEEDED', output: { value: 1 } });
          const leaf = step({}, { state: 'SUCCEEDED', output: { value: 2 } }, { prereqs: [root.id] });
          const appended = step({}, { state: 'SUCCEEDED', output: { value: 3 } }, { prereqs: [leaf.id] });
          return {
            scenario,
            ops: [
              unique(k0, at, name, pick(), [[root], [leaf]]),
              unique(k1, later, name, 'APPEND', [[appended]]),
            ],
          };
        }
        case 'appendOrReplaceRunning': {
          // APPEND_OR_REPLACE with an unfinished leaf appends.
          const root = gate(k1, { state: 'SUCCEEDED', output: { value: 1 } });
          const a = step({}, { state: 'SUCCEEDED', output: { value: 2 } }, { prereqs: [root.id] });
          const b = step({}, { state: 'SUCCEEDED', output: { value: 3 } }, { prereqs: [a.id] });
          return {
            scenario,
            ops: [
              unique(k0, at, name, pick(), [[root]]),
              unique(k1, later, name, 'APPEND_OR_REPLACE', [[a], [b]]),
            ],
          };
        }
        case 'appendOrReplaceFailed': {
          // APPEND_OR_REPLACE with a FAILED leaf deletes the chain and starts afresh (own input only).
          const old = doomed({ deletedBy: k1, mayVanishAfter: k0 });
          const fresh = step({ value: 20 }, { state: 'SUCCEEDED', output: { value: 21 } });
          return {
            scenario,
            ops: [
              unique(k0, at, name, pick(), [[old]]),
              { ...unique(k1, later, name, 'APPEND_OR_REPLACE', [[fresh]]), after: [old.id] },
            ],
          };
        }
        case 'appendFailed': {
          // APPEND onto a FAILED leaf: the new work is FAILED at once, never runs (and, never enqueued, may
          // be pruned at the next start).
          const old = doomed();
          const x = step({}, { state: 'FAILED', neverRuns: true });
          const y = step({}, { state: 'FAILED', neverRuns: true });
          return {
            scenario,
            ops: [
              unique(k0, at, name, pick(), [[old]]),
              { ...unique(k1, later, name, 'APPEND', [[x], [y]]), after: [old.id] },
            ],
          };
        }
        case 'cancelById': {
          // A month-delayed root (cancelled before it could run: stop reason NOT_STOPPED), a Gate gated on its
          // own cancel (cancelled while ENQUEUED or RUNNING), each with a BLOCKED dependent; and a SUCCEEDED
          // root, whose cancel leaves it SUCCEEDED and cancels its delayed dependent (§10.1).
          const delayed = step(
            { value: 0 },
            { state: 'CANCELLED', neverRuns: true, endedBy: k1, stopReason: StopReason.NOT_STOPPED },
            { initialDelayMs: MONTH_MS },
          );
          const delayedDependent = step({}, { state: 'CANCELLED', neverRuns: true, endedBy: k1 });
          const running = gate(k2, { state: 'CANCELLED', endedBy: k2 });
          const runningDependent = step({}, { state: 'CANCELLED', neverRuns: true, endedBy: k2 });
          const done = step({ value: 50 }, { state: 'SUCCEEDED', output: { value: 51 } });
          const doneDependent = step(
            {},
            { state: 'CANCELLED', neverRuns: true, endedBy: k3, stopReason: StopReason.NOT_STOPPED },
            { initialDelayMs: MONTH_MS },
          );
          return {
            scenario,
            ops: [
              enqueue(k0, at, [
                [[delayed], [delayedDependent]],
                [[running], [runningDependent]],
                [[done], [doneDependent]],
              ]),
              { key: k1, dueOffsetMs: later, kind: 'cancelById', target: delayed.id },
              { key: k2, dueOffsetMs: later, kind: 'cancelById', target: running.id },
              { key: k3, dueOffsetMs: later, kind: 'cancelById', target: done.id, after: [done.id] },
            ],
          };
        }
        case 'cancelByTag': {
          // The tag's unfinished work is cancelled with its (untagged) dependents; its finished work is not.
          const tag = `cancel-${w}-${g}`;
          const delayed = step(
            { value: 0 },
            { state: 'CANCELLED', neverRuns: true, endedBy: k1, stopReason: StopReason.NOT_STOPPED },
            { initialDelayMs: MONTH_MS, tags: [tag] },
          );
          const delayedDependent = step({}, { state: 'CANCELLED', neverRuns: true, endedBy: k1 });
          const running = gate(k1, { state: 'CANCELLED', endedBy: k1 }, { tags: [tag] });
          const runningDependent = step({}, { state: 'CANCELLED', neverRuns: true, endedBy: k1 });
          const done = step({ value: 60 }, { state: 'SUCCEEDED', output: { value: 61 } }, { tags: [tag] });
          return {
            scenario,
            ops: [
              enqueue(k0, at, [[[delayed], [delayedDependent]], [[running], [runningDependent]], [[done]]]),
              { key: k1, dueOffsetMs: later, kind: 'cancelByTag', target: tag, after: [done.id] },
            ],
          };
        }
      }
    }),
  );
}

/** Every request of a group's operations. */
const groupRequests = (plan: Plan): PlannedRequest[] =>
  plan.groups.flatMap((g) =>
    g.ops.flatMap((op) => [...(op.levels ?? []), ...(op.continuations ?? []).flat()].flat()),
  );

/** Where each planned operation's marker is in the side-effect log (marked after its commit). */
const opMarkers = (log: LogLine[]) =>
  new Map(log.filter((l) => l.worker === '@op').map((l) => [Number(l.id.slice(2)), l.index]));

/** A running child and what it said. */
interface Child {
  readonly process: ChildProcess;
  readonly lines: string[];
  readonly stderr: string[];
  readonly exited: Promise<number | null>;
  waitFor(line: string, timeoutMs: number): Promise<boolean>;
}

function startChild(planFile: string, restart: number): Child {
  const child = spawn(process.execPath, [CHILD, planFile, String(restart)], {
    cwd: PACKAGE_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout }).on('line', (l) => {
    lines.push(l);
    for (const w of [...waiters]) w();
  });
  child.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    process: child,
    lines,
    stderr,
    exited,
    waitFor: (line, timeoutMs) =>
      new Promise<boolean>((resolve) => {
        const check = () => {
          if (!lines.includes(line)) return;
          waiters.delete(check);
          clearTimeout(timeout);
          resolve(true);
        };
        const timeout = setTimeout(() => (waiters.delete(check), resolve(false)), timeoutMs);
        waiters.add(check);
        void exited.then(() => (waiters.delete(check), clearTimeout(timeout), resolve(lines.includes(line))));
        check();
      }),
  };
}

const isFinished = (r: { state: number }) => r.state === 2 || r.state === 3 || r.state === 5;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Row {
  id: string;
  state: number;
  run_attempt_count: number;
  output: Buffer;
  last_enqueue_time: number;
  initial_delay: number;
  period_count: number;
  stop_reason: number;
}

/** Copies the (dead) child's database with its WAL, so checks never touch the file the next child opens. */
function snapshot(plan: Plan, dir: string, n: number): string {
  const copy = join(dir, `snapshot-${n}.db`);
  copyFileSync(plan.dbFile, copy);
  if (existsSync(`${plan.dbFile}-wal`)) copyFileSync(`${plan.dbFile}-wal`, `${copy}-wal`);
  return copy;
}

function readRows(file: string): { integrity: string; rows: Map<string, Row> } {
  const db = new BetterSqlite3(file);
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    // A kill during the first start can leave the file without the schema (its migration is one
    // transaction that did not commit): nothing is stored yet, and the acknowledged-work checks still apply.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'work_spec'").get())
      return { integrity, rows: new Map() };
    const rows = db
      .prepare(
        'SELECT id, state, run_attempt_count, output, last_enqueue_time, initial_delay, period_count, stop_reason FROM work_spec',
      )
      .all() as Row[];
    return { integrity, rows: new Map(rows.map((r) => [r.id, r])) };
  } finally {
    db.close();
  }
}

interface LogLine {
  index: number;
  time: number;
  id: string;
  attempt: number;
  worker: string;
  decision: string;
}

function readLog(file: string): LogLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l, index) => {
      const [time, id, attempt, worker, decision] = l.split(' ');
      return {
        index,
        time: Number(time),
        id: id ?? '',
        attempt: Number(attempt),
        worker: worker ?? '',
        decision: decision ?? '',
      };
    });
}

/** WorkManager's backed-off delay for `n` attempts (spec §3.1), min 10 s, cap 5 h. */
const backoff = (policy: 'EXPONENTIAL' | 'LINEAR', delayMs: number, n: number) =>
  Math.min(policy === 'LINEAR' ? delayMs * n : delayMs * 2 ** (n - 1), 18_000_000);

describe('crash test (SIGKILL at random points, spec §12)', () => {
  beforeAll(() => {
    // The child runs the BUILT runtime (dist): build it first; tsc -b is a no-op when dist is current.
    const require = createRequire(import.meta.url);
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.lib.json'], {
      cwd: PACKAGE_ROOT,
      stdio: 'inherit',
    });
    execFileSync(process.execPath, ['../../tools/copy-assets.mjs', 'src', 'dist', 'sql'], {
      cwd: PACKAGE_ROOT,
      stdio: 'inherit',
    });
  }, 120_000);

  it(`survives ${KILLS} SIGKILLs: nothing lost, no SUCCEEDED work rerun, WorkManager's final states, integrity ok`, async () => {
    const seed = Number(process.env['CRASH_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`crash test seed=${seed} (reproduce: CRASH_SEED=${seed} npx vitest run tests/crash)`);
    const dir = mkdtempSync(join(tmpdir(), 'workscript-crash-'));
    const plan = createPlan(seed, dir);
    const planFile = join(dir, 'plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    const random = createRandom(seed ^ 0x5eed);
    const virtualClock: Clock = {
      currentTimeMillis: () => Math.floor(plan.virtualStart + (Date.now() - plan.realStart) * SPEED),
    };
    const grouped = groupRequests(plan);
    const planned = new Map(
      [...plan.waves.flatMap((w) => w.continuations.flat(2)), ...grouped].map((r) => [r.id, r]),
    );
    const ackedIds = new Set<string>();
    let finished = new Map<string, { state: number; output: string }>();
    // Spec §11.4: a start prunes finished work whose lastEnqueueTime + retention is over a day old. Work
    // that FAILED or was CANCELLED while BLOCKED was never enqueued (lastEnqueueTime −1), so androidx —
    // and this runtime — delete it at the next start. Such work may vanish; nothing else may.
    const prunable = new Set<string>();
    const notePrunable = (rows: Map<string, Row>) => {
      for (const r of rows.values()) if (isFinished(r) && r.last_enqueue_time === -1) prunable.add(r.id);
    };
    let killedRunning = 0;
    let killedBeforeReady = 0;

    for (let restart = 0; restart < KILLS; restart++) {
      const child = startChild(planFile, restart);
      // One kill in five may land anywhere from module loading to the recovery transaction; the others
      // land while work runs and waves are being enqueued.
      if (random() < 0.2) {
        await sleep(50 + random() * 400);
        if (!child.lines.includes('ready')) killedBeforeReady++;
      } else {
        expect(
          await child.waitFor('ready', 30_000),
          `child ${restart} never became ready: ${child.stderr.join('')}`,
        ).toBe(true);
        // Half the kills land in the first 150 ms, when the work that came due while the process was
        // dead is running.
        await sleep(random() < 0.5 ? random() * 150 : random() * 900);
      }
      child.process.kill('SIGKILL');
      expect(
        await child.exited,
        `child ${restart} exited by itself: ${child.lines.join('|')} ${child.stderr.join('')}`,
      ).toBeNull();
      for (const l of child.lines) {
        const wave = /^ack (\d+)$/.exec(l)?.[1];
        if (wave !== undefined)
          for (const r of plan.waves[Number(wave)]?.continuations.flat(2) ?? []) ackedIds.add(r.id);
      }
      if (!existsSync(plan.dbFile)) continue;

      // After every kill: the file is intact, every acknowledged enqueue is there, finished work is final.
      const copy = snapshot(plan, dir, restart);
      const { integrity, rows } = readRows(copy);
      expect(integrity).toBe('ok');
      for (const id of ackedIds)
        expect(rows.has(id) || prunable.has(id), `acknowledged work ${id} lost after kill ${restart}`).toBe(
          true,
        );
      // Planned operations: what a marked (committed) operation wrote stays, until the operation that deletes
      // it may have committed; what a KEEP dropped is never stored; deleted work never comes back; a marked
      // cancel's targets stay CANCELLED.
      const markers = opMarkers(readLog(plan.logFile));
      const mayVanish = (id: string) => {
        const after = planned.get(id)?.expect.mayVanishAfter;
        return prunable.has(id) || (after !== undefined && markers.has(after));
      };
      for (const r of grouped) {
        const row = rows.get(r.id);
        const { state, deletedBy, endedBy } = r.expect;
        if (state === 'ABSENT')
          expect(row, `KEEP stored ${r.id} beside unfinished work (kill ${restart})`).toBeUndefined();
        else if (deletedBy !== undefined && markers.has(deletedBy))
          expect(
            row,
            `${r.worker} ${r.id}, deleted by op ${deletedBy}, is back (kill ${restart})`,
          ).toBeUndefined();
        else if (r.op !== undefined && markers.has(r.op) && !mayVanish(r.id))
          expect(row, `${r.worker} ${r.id} of done op ${r.op} lost after kill ${restart}`).toBeDefined();
        if (endedBy !== undefined && markers.has(endedBy) && row)
          expect(STATE[row.state], `${r.worker} ${r.id}: op ${endedBy}'s cancel lost (kill ${restart})`).toBe(
            'CANCELLED',
          );
      }
      for (const [id, before] of finished) {
        const now = rows.get(id);
        if (!now && mayVanish(id)) continue;
        expect(
          { state: now?.state, output: now?.output.toString('hex') },
          `finished work ${id} changed after kill ${restart}`,
        ).toEqual(before);
      }
      finished = new Map(
        [...rows.values()]
          .filter(isFinished)
          .map((r) => [r.id, { state: r.state, output: r.output.toString('hex') }]),
      );
      notePrunable(rows);

      // Recovery through the public API, on the copy: RUNNING → ENQUEUED, stop reason −512, attempts kept.
      const running = [...rows.values()].filter((r) => r.state === 1);
      if (running.length > 0) {
        killedRunning++;
        const wm = createWorkManager({
          database: copy,
          workers: [],
          schedulers: () => [],
          clock: virtualClock,
          logger: silentLogger,
        });
        for (const r of running) {
          expect(await wm.getWorkInfoById(r.id)).toMatchObject({
            state: 'ENQUEUED',
            stopReason: StopReason.UNKNOWN,
            runAttemptCount: r.run_attempt_count,
          });
        }
        await wm.close();
      }
    }

    // Let the last child finish the workload.
    const last = startChild(planFile, KILLS);
    const finishedInTime = await last.waitFor('done', 60_000);
    if (!finishedInTime) last.process.kill('SIGKILL');
    expect(finishedInTime, `the final run did not finish: ${last.stderr.join('')}`).toBe(true);
    expect(await last.exited).toBe(0);

    const { integrity, rows } = readRows(plan.dbFile);
    expect(integrity).toBe('ok');
    notePrunable(rows);
    const log = readLog(plan.logFile);
    const linesFor = (id: string) => log.filter((l) => l.id === id);
    const markers = opMarkers(log);
    for (const g of plan.groups)
      for (const op of g.ops) expect(markers.has(op.key), `${g.scenario} op ${op.key} never done`).toBe(true);

    // Final states and outputs, through the public API (no schedulers: nothing runs while we look).
    const wm = createWorkManager({
      database: plan.dbFile,
      workers: [],
      schedulers: () => [],
      clock: virtualClock,
      logger: silentLogger,
    });
    try {
      for (const [id, r] of planned) {
        const info = await wm.getWorkInfoById(id);
        if (r.expect.state === 'ABSENT' || r.expect.deletedBy !== undefined) {
          expect(info, `${r.worker} ${id} should not be stored (${r.expect.state})`).toBeNull();
          continue;
        }
        if (info === null && prunable.has(id)) continue;
        expect(info, `planned work ${id} (${r.worker}) is missing`).not.toBeNull();
        expect(info?.state, `${r.worker} ${id}`).toBe(r.expect.state);
        if (r.expect.output)
          expect(info?.outputData.toObject(), `${r.worker} ${id} output`).toEqual(r.expect.output);
        if (r.expect.minAttempts !== undefined)
          expect(info?.runAttemptCount).toBeGreaterThanOrEqual(r.expect.minAttempts);
        if (r.expect.stopReason !== undefined)
          expect(info?.stopReason, `${r.worker} ${id} stop reason`).toBe(r.expect.stopReason);
        // Flaky reports the attempt that succeeded: the last one WorkManager counted.
        if (r.worker === 'Flaky')
          expect(info?.outputData.toObject()).toEqual({ attempt: (info?.runAttemptCount ?? 0) - 1 });
      }
    } finally {
      await wm.close();
    }

    for (const [id, r] of planned) {
      const row = rows.get(id);
      const lines = linesFor(id);
      // Work that is gone by design (dropped by KEEP, deleted by an operation) is checked from the log below.
      const gone = r.expect.state === 'ABSENT' || r.expect.deletedBy !== undefined;
      if (!row && !gone) {
        expect(prunable.has(id), `planned work ${id} (${r.worker}) is missing`).toBe(true);
        expect(lines, `pruned work ${id} never ran`).toEqual([]);
        continue;
      }
      const attempts = lines.map((l) => l.attempt);
      // Each start commits runAttemptCount + 1 before the worker runs, so no attempt number repeats,
      // even when a kill lands between the side effect and the result.
      expect(
        new Set(attempts).size,
        `${r.worker} ${id} ran twice with the same attempt: ${attempts.join(',')}`,
      ).toBe(attempts.length);
      // Work a cancel or REPLACE ended, or an operation deleted: no run after that operation committed (its
      // marker is logged after the commit), so in particular no successful run.
      for (const op of [r.expect.endedBy, r.expect.deletedBy]) {
        if (op === undefined) continue;
        const late = lines.filter((l) => l.index > (markers.get(op) ?? Infinity));
        expect(late, `${r.worker} ${id} ran after op ${op} (cancel/delete) committed`).toEqual([]);
      }
      if (r.expect.state === 'CANCELLED')
        expect(
          lines.filter((l) => l.decision === 'success'),
          `cancelled ${r.worker} ${id} recorded a success`,
        ).toEqual([]);
      if (r.expect.state === 'ABSENT' || r.expect.neverRuns) {
        expect(lines, `${r.worker} ${id} (${r.expect.state}) must never run`).toEqual([]);
        continue;
      }
      if (r.expect.state === 'FAILED' && r.worker === 'Step') {
        expect(lines, `dependent of failed work ${id} must never run`).toEqual([]);
        continue;
      }
      if (r.expect.state === 'CANCELLED') continue;
      if (!row) {
        // Deleted after it finished: its last run decided the state it had.
        expect(lines.at(-1)?.decision, `${r.worker} ${id} before deletion`).toBe(
          r.expect.state === 'SUCCEEDED' ? 'success' : 'failure',
        );
        expect(lines.at(-1)?.attempt).toBe(Math.max(...attempts));
        continue;
      }
      // The run that finished the work is the last one: attempt runAttemptCount − 1, with the matching
      // decision; nothing ran after it.
      const last = lines.at(-1);
      expect(
        last?.attempt,
        `${r.worker} ${id}: attempts ${attempts.join(',')}, runAttemptCount ${row.run_attempt_count}`,
      ).toBe(row.run_attempt_count - 1);
      expect(Math.max(...attempts)).toBe(row.run_attempt_count - 1);
      expect(last?.decision).toBe(r.expect.state === 'SUCCEEDED' ? 'success' : 'failure');
      // And it started no earlier than WorkManager allows: lastEnqueueTime + backoff (if backed off) or
      // + initial delay (spec §3.1, §4.2).
      const n = row.run_attempt_count - 1;
      const policy = r.backoff?.policy ?? 'EXPONENTIAL';
      const earliest =
        row.last_enqueue_time +
        (n > 0 ? backoff(policy, r.backoff?.delayMs ?? 30_000, n) : row.initial_delay);
      expect(last?.time ?? 0, `${r.worker} ${id} started before its due time`).toBeGreaterThanOrEqual(
        earliest,
      );
    }

    // How often a kill landed between a side effect and its recorded result (the work ran again).
    const lostResults = log.filter(
      (l) => planned.has(l.id) && l.decision !== 'retry' && l !== linesFor(l.id).at(-1),
    ).length;
    console.log(
      `kills: ${KILLS} (${killedBeforeReady} before the WorkManager was up, ${killedRunning} with work RUNNING, ` +
        `${lostResults} between a side effect and its result); ${log.length - markers.size} runs logged, ` +
        `${markers.size} planned operations (${plan.groups.map((g) => g.scenario).join(', ')})`,
    );

    // Chains: a dependent's first run comes after its prerequisites' last runs.
    for (const wave of plan.waves) {
      for (const levels of wave.continuations) {
        for (let i = 1; i < levels.length; i++) {
          const firstOfLevel = Math.min(
            ...(levels[i] ?? []).flatMap((r) => linesFor(r.id).map((l) => l.index)),
          );
          const lastOfParents = Math.max(
            ...(levels[i - 1] ?? []).flatMap((r) => linesFor(r.id).map((l) => l.index)),
          );
          if (Number.isFinite(firstOfLevel)) expect(firstOfLevel).toBeGreaterThan(lastOfParents);
        }
      }
    }

    // Planned operations' work: a dependent's (or appended work's) first run comes after its prerequisites'
    // last runs.
    for (const r of grouped) {
      const first = Math.min(...linesFor(r.id).map((l) => l.index));
      for (const p of r.prereqs ?? []) {
        const lastOfPrerequisite = Math.max(...linesFor(p).map((l) => l.index));
        if (Number.isFinite(first))
          expect(first, `${r.id} ran before its prerequisite ${p} finished`).toBeGreaterThan(
            lastOfPrerequisite,
          );
      }
    }

    // Periodic work: still ENQUEUED, several periods done; fresh periods (attempt 0) are ≥ one interval
    // apart, and the first waited for the flex window (spec §4.2).
    const heartbeat = rows.get(plan.periodic.id);
    expect(heartbeat && STATE[heartbeat.state]).toBe('ENQUEUED');
    expect(heartbeat?.period_count).toBeGreaterThanOrEqual(MIN_PERIODS);
    const fresh = linesFor(plan.periodic.id).filter((l) => l.attempt === 0);
    expect(fresh[0]?.time).toBeGreaterThanOrEqual(plan.virtualStart + INTERVAL_MS - FLEX_MS);
    for (let i = 1; i < fresh.length; i++)
      expect((fresh[i]?.time ?? 0) - (fresh[i - 1]?.time ?? 0)).toBeGreaterThanOrEqual(INTERVAL_MS);
  }, 180_000);
});
