// Runs every runtime benchmark in a fresh process (so peak memory is per case), prints a table, and with
// --update-readme writes it into bench/README.md between the "runtime-figures" markers.
//   npx nx run bench:bench            (builds the runtime first; runs against packages/runtime/dist)
//   cd bench && npx tsx runtime/run.ts [--quick] [--update-readme]
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeReadmeFigures } from '../readme-figures.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

type Figures = Record<string, unknown> & {
  ms: number;
  usPerItem: number;
  cpuUsPerItem: number;
  perSecond: number;
  peakRssMiB: number;
  peakHeapMiB: number;
};

function runCase(file: string, ...caseArgs: string[]): Record<string, unknown> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', here(file), ...caseArgs], {
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
  });
  const last = out.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Record<string, unknown>;
}

/** Median run (by time) of `repeats` fresh processes. */
function median(file: string, repeats: number, ...caseArgs: string[]): Figures {
  const runs = Array.from({ length: repeats }, () => runCase(file, ...caseArgs) as Figures).sort(
    (a, b) => a.ms - b.ms,
  );
  return runs[Math.floor(runs.length / 2)] as Figures;
}

const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const rows: string[] = [];
const table = (line: string) => {
  rows.push(line);
  console.log(line);
};

const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.versions.node}, SQLite via better-sqlite3, WAL + synchronous=NORMAL, ${new Date().toISOString().slice(0, 10)}`;
console.log(`machine: ${machine}\n`);
table(
  '| items | raw loop (jobs/s) | runtime (items/s) | ratio | raw µs/job | runtime µs/item | CPU µs raw / runtime (ratio) | runtime peak RSS / heap (MiB) |',
);
table('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const n of sizes) {
  const repeats = n >= 100_000 ? 1 : 3;
  const raw = median('./raw-loop.ts', repeats, String(n));
  const runtime = median('./runtime-throughput.ts', repeats, String(n));
  const ratio = runtime.perSecond / raw.perSecond;
  table(
    `| ${n.toLocaleString('en')} | ${raw.perSecond.toLocaleString('en')} | ${runtime.perSecond.toLocaleString('en')} | ${ratio.toFixed(2)}× | ${raw.usPerItem} | ${runtime.usPerItem} | ${raw.cpuUsPerItem} / ${runtime.cpuUsPerItem} (${(raw.cpuUsPerItem / runtime.cpuUsPerItem).toFixed(2)}×) | ${runtime.peakRssMiB} / ${runtime.peakHeapMiB} |`,
  );
}

// A separate, labelled figure: the same cases after an untimed warm-up of the same kind in the same process
// (JIT compiled, tables not empty), so the cold rows above show how much of their cost is warm-up. The
// cold rows are the aim's measure.
const [warmN, warmUp] = quick ? [1_000, 1_000] : [10_000, 5_000];
const warmRaw = median('./raw-loop.ts', 3, String(warmN), String(warmUp));
const warmRuntime = median('./runtime-throughput.ts', 3, String(warmN), String(warmUp));
table('');
table("| warm (not the aim's measure) | CPU µs raw / runtime (ratio) | wall µs raw / runtime (ratio) |");
table('|---|---:|---:|');
table(
  `| ${warmN.toLocaleString('en')} items after ${warmUp.toLocaleString('en')} untimed in the same process | ${warmRaw.cpuUsPerItem} / ${warmRuntime.cpuUsPerItem} (${(warmRaw.cpuUsPerItem / warmRuntime.cpuUsPerItem).toFixed(2)}×) | ${warmRaw.usPerItem} / ${warmRuntime.usPerItem} (${(warmRaw.usPerItem / warmRuntime.usPerItem).toFixed(2)}×) |`,
);

const latency = runCase('./latency.ts') as { idle: Record<string, number>; burst: Record<string, number> };
table('');
table('| due time → start (ms) | p50 | p95 | max |');
table('|---|---:|---:|---:|');
table(
  `| idle: 200 items due 5 ms apart | ${latency.idle['p50']} | ${latency.idle['p95']} | ${latency.idle['max']} |`,
);
table(
  `| burst: 1 000 items due at once | ${latency.burst['p50']} | ${latency.burst['p95']} | ${latency.burst['max']} |`,
);

const queryRows = quick ? 10_000 : 100_000;
const query = runCase('./query.ts', String(queryRows)) as Record<
  string,
  { rows: number; medianMs: number; p95Ms: number } | number
>;
table('');
table(
  `| getWorkInfosByTag, ${queryRows.toLocaleString('en')} rows stored | matches | median (ms) | p95 (ms) |`,
);
table('|---|---:|---:|---:|');
for (const key of ['tag100', 'tag1000', 'tagAll']) {
  const q = query[key] as { rows: number; medianMs: number; p95Ms: number };
  table(
    `| tag on ${q.rows.toLocaleString('en')} items | ${q.rows.toLocaleString('en')} | ${q.medianMs} | ${q.p95Ms} |`,
  );
}
table(
  `| (fill: enqueue lists of 1 000) | ${(query['fillPerSecond'] as number).toLocaleString('en')} items/s | peak RSS ${query['peakRssMiB'] as number} MiB | heap ${query['peakHeapMiB'] as number} MiB |`,
);

const watchN = 1_000;
const watch = runCase('./watch.ts', String(watchN)) as Record<string, number>;
table('');
table(
  `| ${watchN.toLocaleString('en')} works awaiting one turn each, enqueued one by one | items/s | ratio to unwatched | values yielded |`,
);
table('|---|---:|---:|---:|');
table(`| unwatched | ${watch['unwatchedPerSecond']?.toLocaleString('en')} | 1× | |`);
table(
  `| one \`watchWorkInfos({ tags })\` over all of them | ${watch['byTagPerSecond']?.toLocaleString('en')} | ${watch['byTagRatio']}× | ${watch['byTagYields']} |`,
);
table(
  `| one \`watchWorkInfoById\` per work, from its enqueue to its SUCCEEDED | ${watch['byIdPerSecond']?.toLocaleString('en')} | ${watch['byIdRatio']}× | ${watch['byIdYields']} |`,
);

if (args.has('--update-readme')) writeReadmeFigures('runtime', machine, rows);
