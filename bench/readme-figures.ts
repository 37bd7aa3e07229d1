import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Replaces the figures between `<!-- <section>-figures:start -->` and `<!-- <section>-figures:end -->` in
 * bench/README.md with the machine line and the table rows, leaving everything else as it is.
 */
export function writeReadmeFigures(section: string, machine: string, rows: readonly string[]): void {
  const readme = fileURLToPath(new URL('./README.md', import.meta.url));
  const text = readFileSync(readme, 'utf8');
  const start = `<!-- ${section}-figures:start -->`;
  const end = `<!-- ${section}-figures:end -->`;
  const [before, rest] = text.split(start);
  const after = rest?.split(end)[1];
  if (before === undefined || after === undefined)
    throw new Error(`${readme} has no ${start} … ${end} section`);
  writeFileSync(readme, `${before}${start}\nMachine: ${machine}.\n\n${rows.join('\n')}\n${end}${after}`);
  console.log(`\nwrote ${readme}`);
}
