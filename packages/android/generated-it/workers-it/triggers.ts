// A worker started by content changes, for packages/android/generated-it's JUnit tests only (never shipped):
// TriggeredContentTest checks that ListenableWorker's triggered URIs and authorities reach ctx through the
// generated worker, the Kotlin runtime's contextJson and the guest prelude, and come back as typed output.
import { defineWorker } from '@workscript/api';

export interface TriggeredContentOutput {
  uris: string[];
  authorities: string[];
}

export const reportTriggeredContent = defineWorker({
  name: 'ReportTriggeredContent',
  constraints: {
    contentUriTriggers: [{ uri: 'content://media/external/images/media', isTriggeredForDescendants: true }],
    contentTriggerUpdateDelayMillis: 0,
  },
  run(input: { label: string }, ctx) {
    const output: TriggeredContentOutput = {
      uris: [...ctx.triggeredContentUris],
      authorities: [...ctx.triggeredContentAuthorities],
    };
    ctx.log.info('triggered', { label: input.label, uris: output.uris.length });
    return ctx.success(output);
  },
});
