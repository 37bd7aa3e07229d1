import { describe, expectTypeOf, it } from 'vitest';
import {
  defineWorker,
  nativeService,
  type Int,
  type Long,
  type NativeService,
  type NativeServiceRef,
  type WorkerContext,
} from '../../src/index.js';

interface Camera extends NativeService {
  takePhoto(options: { quality: Int; lens: 'front' | 'back' }): Promise<{ uri: string; bytes: Long }>;
  reset(): Promise<void>;
}
const camera = nativeService<Camera>('Camera');

describe('native service types', () => {
  it('nativeService<S> makes a handle typed by S', () => {
    expectTypeOf(camera).toEqualTypeOf<NativeServiceRef<Camera>>();
  });

  it('ctx.native(ref) is the service interface', () => {
    defineWorker({
      name: 'UploadPhoto',
      async run(_input: Record<string, never>, ctx) {
        const service = ctx.native(camera);
        expectTypeOf(service).toEqualTypeOf<Camera>();
        expectTypeOf(service.takePhoto)
          .parameter(0)
          .toEqualTypeOf<{ quality: Int; lens: 'front' | 'back' }>();
        expectTypeOf(service.takePhoto).returns.resolves.toEqualTypeOf<{ uri: string; bytes: Long }>();
        expectTypeOf(service.reset).returns.resolves.toBeVoid();
        // @ts-expect-error 'side' is not a lens
        await service.takePhoto({ quality: 80 as Int, lens: 'side' });
        return ctx.success();
      },
    });
  });

  it('ctx.native only takes handles of NativeService interfaces', () => {
    expectTypeOf<WorkerContext['native']>().parameter(0).toEqualTypeOf<NativeServiceRef<NativeService>>();
    const ctx = {} as WorkerContext;
    // @ts-expect-error a string is not a handle
    ctx.native('Camera');
  });
});
