// Workers that misbehave on purpose, for packages/android/generated-it's JUnit tests only (never shipped):
// the runtime must contain them (time limit, memory limit) and report their errors with .ts positions.
import { defineWorker, type Int } from '@workscript/api';

/** Never returns and ignores ctx.signal: only the runtime's time limit + interrupt can end it. */
export const spin = defineWorker({
  name: 'Spin',
  run(input: { seed: Int }, ctx) {
    let n = input.seed;
    while (n >= 0) n++;
    return ctx.success({ n: n as Int });
  },
});

/** Allocates without bound: only the engine's memory limit can end it. */
export const memoryBomb = defineWorker({
  name: 'MemoryBomb',
  run(input: { chunkLength: Int }, ctx) {
    const hoard: number[][] = [];
    for (let i = 0; i < 1e12; i++) hoard.push(new Array<number>(input.chunkLength).fill(i));
    return ctx.success({ chunks: hoard.length as Int });
  },
});

/** Throws from a nested function, so the .ts stack has two frames in this file. */
export const throws = defineWorker({
  name: 'Throws',
  async run(input: { path: string }, ctx) {
    ctx.log.info('writing', { path: input.path });
    writeReport(input.path);
    return ctx.success();
  },
});

function writeReport(path: string): void {
  throw new Error(`disk full while writing ${path}`); // ThrowsTest expects this line in the mapped stack
}
