import { nativeService, type Int, type Long, type NativeService } from '@workscript/api';
import { describe, expectTypeOf, it } from 'vitest';
import {
  provideNativeService,
  type NativeServiceImplementation,
  type NativeServiceProvider,
} from '../../src/index.js';

interface Camera extends NativeService {
  takePhoto(options: { quality: Int; lens: 'front' | 'back' }): Promise<{ uri: string; bytes: Long }>;
  reset(): Promise<void>;
}
const camera = nativeService<Camera>('Camera');

describe('provideNativeService checks the implementation against the interface', () => {
  it('requires exactly the methods of the interface, without the NativeService marker', () => {
    expectTypeOf<keyof NativeServiceImplementation<Camera>>().toEqualTypeOf<'takePhoto' | 'reset'>();
  });

  it('accepts async and plain return values', () => {
    expectTypeOf(
      provideNativeService(camera, {
        takePhoto: async (options) => ({ uri: options.lens, bytes: 1 as Long }),
        reset: () => undefined,
      }),
    ).toEqualTypeOf<NativeServiceProvider>();
  });

  it('parameters are typed from the interface', () => {
    provideNativeService(camera, {
      takePhoto: (options) => {
        expectTypeOf(options).toEqualTypeOf<{ quality: Int; lens: 'front' | 'back' }>();
        return { uri: '', bytes: 0 as Long };
      },
      reset: async () => undefined,
    });
  });

  it('rejects a missing method, a wrong return type and a wrong parameter type', () => {
    // @ts-expect-error reset is missing
    provideNativeService(camera, { takePhoto: async () => ({ uri: '', bytes: 0 as Long }) });
    provideNativeService(camera, {
      // @ts-expect-error uri must be a string
      takePhoto: async () => ({ uri: 1, bytes: 0 as Long }),
      reset: async () => undefined,
    });
    provideNativeService(camera, {
      // @ts-expect-error quality is an Int, not a string
      takePhoto: async (options: { quality: string }) => ({ uri: options.quality, bytes: 0 as Long }),
      reset: async () => undefined,
    });
  });
});
