import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';

/**
 * Rewrites QuickJS stack frames of the bundle (`at fn (workers.js:12:5)`) to the `.ts` sources of its source
 * map (`at fn (workers/sync.ts:40:11)`, paths relative to the project root as the codegen writes them).
 * Frames without a mapping keep their bundle position. The map is read on first use; without one (or when
 * it does not parse) stacks are returned unchanged.
 */
export function createStackMapper(bundleFileName: string, mapPath: string): (stack: string) => string {
  let map: SourceMap | null | undefined;
  const load = (): SourceMap | null => {
    if (map !== undefined) return map;
    try {
      map = new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8')) as SourceMapPayload);
    } catch {
      map = null;
    }
    return map;
  };
  const frame = new RegExp(`${escapeRegExp(bundleFileName)}:(\\d+)(?::(\\d+))?`, 'g');
  return (stack) => {
    if (!stack.includes(bundleFileName)) return stack;
    const sourceMap = load();
    if (sourceMap === null) return stack;
    return stack.replace(frame, (whole, line: string, column: string | undefined) => {
      const entry = sourceMap.findEntry(Number(line) - 1, Math.max(0, Number(column ?? 1) - 1)) as Partial<{
        originalSource: string;
        originalLine: number;
        originalColumn: number;
      }>;
      if (entry.originalSource === undefined || entry.originalLine === undefined) return whole;
      return `${entry.originalSource}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`;
    });
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
