import { defineWorker, type WorkerContext } from '@workscript/api';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Storage, progress, logs and timers: everything a host provides besides fetch. */
const countVisits = defineWorker({
  name: 'CountVisits',
  async run(input: { page: string }, ctx: WorkerContext<{ step: number }>) {
    const key = `visits:${input.page}`;
    const before = Number((await ctx.storage.get(key)) ?? '0');
    await ctx.setProgress({ step: 1 });
    await sleep(5);
    await ctx.storage.set(key, String(before + 1));
    ctx.log.info('counted', { page: input.page, visits: before + 1 });
    const keys = await ctx.storage.keys('visits:');
    return ctx.success({ visits: before + 1, pages: keys.length });
  },
});

export default countVisits;
