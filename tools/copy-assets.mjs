// Copies non-TypeScript assets (e.g. SQL migrations) from src to dist, keeping paths.
// Usage: node tools/copy-assets.mjs <srcDir> <outDir> <ext> [<ext> ...]
import { cpSync, existsSync, readdirSync, statSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const [src, out, ...exts] = process.argv.slice(2);
if (!src || !out || exts.length === 0) {
  console.error('usage: copy-assets.mjs <srcDir> <outDir> <ext>...');
  process.exit(2);
}
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
if (existsSync(src)) {
  for (const file of walk(src).filter((f) => exts.some((e) => f.endsWith(`.${e}`)))) {
    const target = join(out, relative(src, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
}
