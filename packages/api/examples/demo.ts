// The API's own walkthrough: define a worker, build requests with WorkManager's rules, encode Data exactly
// as androidx does, and see the errors a user gets for bad input. Run: npm run demo
import {
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  Data,
  defineWorker,
  encodeData,
  int,
  OverwritingInputMerger,
  ArrayCreatingInputMerger,
  WorkscriptError,
  type DataShape,
  type Int,
  type WorkerContext,
} from '@workscript/api';

const syncInputShape: DataShape = {
  fields: [
    { name: 'since', type: { kind: 'string' } },
    { name: 'pageSize', type: { kind: 'int' } },
    {
      name: 'kinds',
      type: { kind: 'array', element: { kind: 'enum', values: ['contact', 'photo'] } },
      optional: true,
    },
  ],
};

interface SyncInput {
  since: string;
  pageSize: Int;
  kinds?: ('contact' | 'photo')[];
}

const syncContacts = defineWorker({
  name: 'SyncContacts',
  constraints: { requiredNetworkType: 'CONNECTED', requiresBatteryNotLow: true },
  backoff: { policy: 'EXPONENTIAL', delayMs: 30_000 },
  tags: ['sync'],
  shapes: { input: syncInputShape },
  async run(input: SyncInput, ctx: WorkerContext<{ percent: Int }>) {
    await ctx.setProgress({ percent: int(10) });
    return ctx.success({ fetched: int(input.pageSize) });
  },
});

const line = (label: string, value: unknown) =>
  console.log(`${label.padEnd(34)} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
const now = Date.UTC(2026, 0, 1);

console.log('# Workscript API walkthrough\n');
console.log(`worker '${syncContacts.name}' (frozen: ${Object.isFrozen(syncContacts)})`);

const oneTime = createOneTimeWorkRequest(
  syncContacts,
  { input: { since: '2026-01-01', pageSize: int(50), kinds: ['photo'] } },
  { now },
);
line('one-time request constraints', oneTime.constraints);
line('backoff', `${oneTime.backoffPolicy} ${oneTime.backoffDelayMs} ms`);
line('input Data', oneTime.input.toJSON());
line('input Data serialized size', `${oneTime.input.serializedSize()} bytes (androidx format V1)`);

const warnings: string[] = [];
const periodic = createPeriodicWorkRequest(
  syncContacts,
  { input: { since: 'now', pageSize: int(10) }, intervalMs: 60_000, flexMs: 1_000 },
  { now, onWarning: (w) => warnings.push(w) },
);
line('periodic interval / flex', `${periodic.intervalMs} / ${periodic.flexMs} ms`);
for (const w of warnings) line('  warning', w);

const merged = ArrayCreatingInputMerger.merge([
  Data.builder().putInt('n', 1).build(),
  Data.builder().putIntArray('n', [2, 3]).build(),
]);
line('ArrayCreatingInputMerger', merged.toObject());
line(
  'OverwritingInputMerger',
  OverwritingInputMerger.merge([Data.fromObject({ a: 1, b: 1 }), Data.fromObject({ b: 2 })]).toObject(),
);

console.log('\n# Errors name the input and what is valid\n');
const attempts: [string, () => unknown][] = [
  [
    'Data over 10,240 bytes',
    () => Data.builder().putIntArray('ids', new Array<number>(2_600).fill(1)).build(),
  ],
  ['input not matching its type', () => encodeData({ since: 'x', pageSize: 1.5 }, syncInputShape)],
  [
    'expedited with a delay',
    () =>
      createOneTimeWorkRequest(
        syncContacts,
        { expedited: 'DROP_WORK_REQUEST', initialDelayMs: 5_000, constraints: {} },
        { now },
      ),
  ],
  [
    'backoff with device idle',
    () => createOneTimeWorkRequest(syncContacts, { constraints: { requiresDeviceIdle: true } }, { now }),
  ],
  [
    'unknown network type',
    () =>
      createOneTimeWorkRequest(
        syncContacts,
        { constraints: { requiredNetworkType: 'WIFI' as never } },
        { now },
      ),
  ],
];
let caught = 0;
for (const [label, attempt] of attempts) {
  try {
    attempt();
    line(label, 'accepted (unexpected)');
  } catch (e) {
    if (!(e instanceof WorkscriptError)) throw e;
    caught++;
    line(label, `${e.name}: ${e.message}`);
  }
}
if (caught !== attempts.length) process.exit(1);
console.log('\nDone: every invalid input was rejected with a typed error.');
