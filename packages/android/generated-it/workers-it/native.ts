// A native service and the workers that call it, for packages/android/generated-it's NativeServiceTest:
// the generated Kotlin interface is implemented in the JUnit test and runs behind real QuickJS.
import { defineWorker, nativeService, type Int, type Long, type NativeService } from '@workscript/api';

export interface PhotoMeta {
  width: Int;
  height: Int;
}

export interface Gallery extends NativeService {
  save(
    photo: {
      uri: string;
      bytes: Long;
      tags: string[];
      kind: 'jpeg' | 'raw';
      meta?: PhotoMeta;
      note?: string;
    },
    album: string,
  ): Promise<{ id: string; index: Int; meta: PhotoMeta }>;
  count(): Promise<Int>;
  clear(): Promise<void>;
}

export const gallery = nativeService<Gallery>('Gallery');

/** Saves a photo through the app's Gallery, then clears and counts it. */
export const savePhoto = defineWorker({
  name: 'SavePhoto',
  async run(input: { uri: string; bytes: Long; album: string }, ctx) {
    const g = ctx.native(gallery);
    const saved = await g.save(
      {
        uri: input.uri,
        bytes: input.bytes,
        tags: ['beach', 'sunset'],
        kind: 'jpeg',
        meta: { width: 4032 as Int, height: 3024 as Int },
      },
      input.album,
    );
    await g.clear();
    const count = await g.count();
    return ctx.success({ id: saved.id, index: saved.index, width: saved.meta.width, count });
  },
});

/** Calls count() with an argument it does not take (as a JavaScript caller could): the arity check must fail it. */
export const countWithExtraArgument = defineWorker({
  name: 'CountWithExtraArgument',
  async run(_input: { attempt: Int }, ctx) {
    const loose = ctx.native(gallery) as unknown as { count(extra: string): Promise<Int> };
    return ctx.success({ count: await loose.count('extra') });
  },
});

/** Passes a photo whose fields have the wrong types (as an untyped caller could): decoding must name the parameter. */
export const saveMalformedPhoto = defineWorker({
  name: 'SaveMalformedPhoto',
  async run(_input: { attempt: Int }, ctx) {
    const loose = ctx.native(gallery) as unknown as {
      save(photo: { uri: number }, album: string): Promise<{ id: string }>;
    };
    return ctx.success({ id: (await loose.save({ uri: 42 }, 'a')).id });
  },
});
