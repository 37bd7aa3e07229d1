import { defineWorker } from '@workscript/api';

export const greet = defineWorker({
  name: 'Greet',
  run(input: { name: string; times: number }, ctx) {
    const greeting = Array.from({ length: input.times }, () => `Hello, ${input.name}!`).join(' ');
    return ctx.success({ greeting, attempt: ctx.runAttemptCount, tags: ctx.tags.join(',') });
  },
});
