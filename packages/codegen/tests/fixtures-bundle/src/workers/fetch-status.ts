import { defineWorker } from '@workscript/api';

export const fetchStatus = defineWorker({
  name: 'FetchStatus',
  async run(input: { url: string }, ctx) {
    if (ctx.runAttemptCount >= 3) return ctx.failure({ reason: 'gave up' });
    const response = await ctx.fetch(input.url, { headers: { accept: 'application/json' } });
    if (response.status >= 500) return ctx.retry();
    if (!response.ok) throw new Error(`GET ${input.url} answered ${response.status}`);
    const body = await response.json<{ state: string }>();
    return ctx.success({ state: body.state, contentType: response.headers['content-type'] ?? '' });
  },
});
