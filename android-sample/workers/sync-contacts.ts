import { defineWorker, type Int, type Long, type WorkerContext } from '@workscript/api';

/** Where the contacts come from; a Kotlin enum (`SyncContactsInput.Source`). */
export type ContactSource = 'google' | 'exchange' | 'device';

export interface SyncContactsInput {
  accountId: string;
  source: ContactSource;
  /** Contacts per page, 1..500. */
  pageSize: Int;
  /** Only contacts changed after this epoch-millis timestamp; all when absent. */
  since?: Long;
  /** Simulated server outage: the first `outageAttempts` attempts find the server down and ask to retry. */
  outageAttempts?: Int;
}

export interface SyncContactsOutput {
  accountId: string;
  source: ContactSource;
  fetched: Int;
  pages: Int;
}

export interface SyncContactsFailure {
  reason: 'INVALID_PAGE_SIZE' | 'ACCOUNT_LOCKED';
  detail: string;
}

/** A stand-in for the contacts server: how many contacts changed for this account since `since`. */
function changedContacts(accountId: string, since: number | undefined): number {
  let h = 7;
  for (let i = 0; i < accountId.length; i++) h = (h * 31 + accountId.charCodeAt(i)) % 1000;
  return since === undefined ? 250 + h : h % 100;
}

export const syncContacts = defineWorker({
  name: 'SyncContacts',
  constraints: { requiredNetworkType: 'CONNECTED' },
  backoff: { policy: 'EXPONENTIAL', delayMs: 30_000 },
  tags: ['sync', 'contacts'],
  async run(input: SyncContactsInput, ctx: WorkerContext<{ pages: Int }>) {
    if (input.pageSize < 1 || input.pageSize > 500) {
      return ctx.failure<SyncContactsFailure>({
        reason: 'INVALID_PAGE_SIZE',
        detail: `pageSize must be 1..500, got ${input.pageSize}`,
      });
    }
    if (input.accountId.endsWith('@locked')) {
      return ctx.failure<SyncContactsFailure>({ reason: 'ACCOUNT_LOCKED', detail: input.accountId });
    }
    if (ctx.runAttemptCount < (input.outageAttempts ?? 0)) {
      ctx.log.warn('contacts server unavailable; retrying with exponential backoff', {
        attempt: ctx.runAttemptCount,
      });
      return ctx.retry();
    }
    const total = changedContacts(input.accountId, input.since);
    const pages = Math.ceil(total / input.pageSize);
    await ctx.setProgress({ pages: pages as Int });
    return ctx.success<SyncContactsOutput>({
      accountId: input.accountId,
      source: input.source,
      fetched: total as Int,
      pages: pages as Int,
    });
  },
});
