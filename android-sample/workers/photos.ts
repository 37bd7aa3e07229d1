import { defineWorker, type Int, type Long, type WorkerContext } from '@workscript/api';
import { sleep } from './sleep.js';

/** Output of PreparePhotos = input of UploadPhotos: chained with `beginWith(prepare).then(upload)`. */
export interface PhotoBatch {
  albumId: string;
  photoIds: string[];
}

export interface PreparePhotosInput {
  albumId: string;
  /** How many photos to pick, 1..100. */
  limit: Int;
}

export const preparePhotos = defineWorker({
  name: 'PreparePhotos',
  constraints: { requiresStorageNotLow: true },
  tags: ['photos'],
  async run(input: PreparePhotosInput, ctx) {
    const photoIds: string[] = [];
    for (let i = 1; i <= Math.min(Math.max(input.limit, 1), 100); i++) photoIds.push(`${input.albumId}-${i}`);
    return ctx.success<PhotoBatch>({ albumId: input.albumId, photoIds });
  },
});

export type UploadQuality = 'ORIGINAL' | 'HIGH' | 'DATA_SAVER';

export interface UploadPhotosInput extends PhotoBatch {
  quality?: UploadQuality;
  /** Simulated upload time per photo. Default 20 ms. */
  msPerPhoto?: Int;
}

export interface UploadProgress {
  uploaded: Int;
  total: Int;
  percent: Int;
}

export interface UploadPhotosOutput {
  albumId: string;
  uploaded: Int;
  bytes: Long;
}

const BYTES_PER_PHOTO: Record<UploadQuality, number> = {
  ORIGINAL: 4_000_000,
  HIGH: 1_500_000,
  DATA_SAVER: 400_000,
};

export const uploadPhotos = defineWorker({
  name: 'UploadPhotos',
  constraints: { requiredNetworkType: 'UNMETERED' },
  backoff: { policy: 'LINEAR', delayMs: 60_000 },
  tags: ['photos', 'upload'],
  async run(input: UploadPhotosInput, ctx: WorkerContext<UploadProgress>) {
    const total = input.photoIds.length;
    let uploaded = 0;
    for (const id of input.photoIds) {
      await sleep(input.msPerPhoto ?? 20, ctx.signal);
      // A stop (cancel, lost Wi-Fi) aborts the signal: leave between photos; WorkManager reschedules the work.
      if (ctx.signal.aborted) {
        ctx.log.info('upload stopped', { reason: ctx.signal.reason, uploaded, nextPhoto: id });
        ctx.signal.throwIfAborted();
      }
      uploaded++;
      await ctx.setProgress({
        uploaded: uploaded as Int,
        total: total as Int,
        percent: Math.floor((uploaded * 100) / total) as Int,
      });
    }
    return ctx.success<UploadPhotosOutput>({
      albumId: input.albumId,
      uploaded: uploaded as Int,
      bytes: (uploaded * BYTES_PER_PHOTO[input.quality ?? 'HIGH']) as Long,
    });
  },
});
