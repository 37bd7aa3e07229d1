/** `WorkManager.UpdateResult`: what `updateWork` did. */
export type UpdateResult = 'NOT_APPLIED' | 'APPLIED_IMMEDIATELY' | 'APPLIED_FOR_NEXT_RUN';
