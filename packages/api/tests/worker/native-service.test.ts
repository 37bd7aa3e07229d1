import { describe, expect, it } from 'vitest';
import {
  InvalidNativeServiceError,
  isNativeServiceRef,
  NATIVE_SERVICE_NAME_PATTERN,
  nativeService,
  type NativeService,
} from '../../src/index.js';

interface Camera extends NativeService {
  reset(): Promise<void>;
}

describe('nativeService', () => {
  it('returns a frozen handle carrying only the kind and the name', () => {
    const ref = nativeService<Camera>('Camera');
    expect(ref).toStrictEqual({ kind: 'workscript.native-service', name: 'Camera' });
    expect(Object.isFrozen(ref)).toBe(true);
    expect(isNativeServiceRef(ref)).toBe(true);
  });

  it('accepts names of the worker-name rule, up to 100 characters', () => {
    for (const name of ['A', 'camera', 'Photo_Library2', `N${'x'.repeat(99)}`]) {
      expect(nativeService(name).name).toBe(name);
      expect(NATIVE_SERVICE_NAME_PATTERN.test(name)).toBe(true);
    }
  });

  it.each([
    ['', '""'],
    ['2Camera', '"2Camera"'],
    ['Camera.take', '"Camera.take"'],
    ['my-camera', '"my-camera"'],
    [`N${'x'.repeat(100)}`, `"N${'x'.repeat(100)}"`],
  ])('refuses %j with InvalidNativeServiceError naming the value and the rule', (name, quoted) => {
    let error: unknown;
    try {
      nativeService(name);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidNativeServiceError);
    expect(error).toMatchObject({
      code: 'invalid-native-service',
      serviceName: name,
      message: `nativeService(${quoted}): not a valid native service name; use the interface's name, a letter followed by letters, digits or '_' (at most 100 characters), e.g. 'Camera'`,
    });
  });

  it('refuses a name that is not a string', () => {
    expect(() => nativeService(42 as unknown as string)).toThrow(
      /^nativeService\(42\): not a valid native service name/,
    );
  });
});

describe('isNativeServiceRef', () => {
  it('is true only for objects of kind workscript.native-service', () => {
    expect(isNativeServiceRef({ kind: 'workscript.native-service', name: 'X' })).toBe(true);
    for (const value of [null, undefined, 'Camera', { name: 'Camera' }, { kind: 'workscript.worker' }])
      expect(isNativeServiceRef(value)).toBe(false);
  });
});
