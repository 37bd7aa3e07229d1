// Runs the codegen benchmark (codegen-case.ts) in a fresh process per size, prints a table, and with
// --update-readme writes it into bench/README.md between the "codegen-figures" markers.
//   npx nx run bench:bench            (runs against packages/codegen/dist: build the codegen first)
//   cd bench && npx tsx codegen/run.ts [--quick] [--update-readme]
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeReadmeFigures } from '../readme-figures.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

interface Figures {
  workers: number;
  repeats: number;
  generateMs: number;
  generateNoBundleMs: number;
  checkMs: number;
  bundleMs: number;
  baselineMs: number;
  ratio: number;
  watchChangeMs: number;
  watchRatio: number;
  cliWatchChangeMs: number;
  cliWatchRatio: number;
  coldGenerateMs: number;
  coldBaselineMs: number;
  peakRssMiB: number;
}

function runCase(workers: number, repeats: number): Figures {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', here('./codegen-case.ts'), String(workers), String(repeats)],
    { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '') as Figures;
}

const sizes = quick ? [10, 100] : [10, 100, 1_000];
const rows: string[] = [];
const table = (line: string) => {
  rows.push(line);
  console.log(line);
};
const ms = (x: number) => (x >= 10 ? Math.round(x) : x.toFixed(1)).toLocaleString('en');
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' / ');
const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.versions.node}, load average at start ${load}, ${new Date().toISOString().slice(0, 10)}`;
console.log(`machine: ${machine}\n`);
const results = sizes.map((n) => runCase(n, n >= 1_000 ? 3 : 5));
table(
  '| workers | generate (ms) | baseline: tsc check + esbuild (ms) | ratio | generate, no bundle (ms) | watch: one-file change (ms) | watch / full | CLI --watch, write → summary (ms) | CLI / full | peak RSS (MiB) |',
);
table('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const f of results)
  table(
    `| ${f.workers.toLocaleString('en')} | ${ms(f.generateMs)} | ${ms(f.checkMs)} + ${ms(f.bundleMs)} = ${ms(f.baselineMs)} | ${f.ratio.toFixed(2)}× | ${ms(f.generateNoBundleMs)} | ${ms(f.watchChangeMs)} | ${pct(f.watchRatio)} | ${ms(f.cliWatchChangeMs)} | ${pct(f.cliWatchRatio)} | ${f.peakRssMiB} |`,
  );
table('');
table(
  `First run in each process (cold JIT, not in the medians): generate ${results.map((f) => ms(f.coldGenerateMs)).join(' / ')} ms, baseline ${results.map((f) => ms(f.coldBaselineMs)).join(' / ')} ms (${sizes.join(' / ')} workers).`,
);

if (args.has('--update-readme')) writeReadmeFigures('codegen', machine, rows);
