import { describe, expect, it } from 'vitest';
import { HostCallError } from '../../src/guest/host-call-error.js';
import { createHostChannel } from '../../src/guest/host-channel.js';
import type { Host } from '../../src/guest/guest-globals.js';

const hostReplying = (reply: unknown, seen: string[] = []): Host => ({
  call: (method, argsJson) => {
    seen.push(`${method} ${argsJson}`);
    return Promise.resolve(reply as string);
  },
});

describe('createHostChannel', () => {
  it('sends args as JSON in the given key order and resolves with the value', async () => {
    const seen: string[] = [];
    const call = createHostChannel(() => hostReplying('{"ok":true,"value":{"a":[1]}}', seen));
    await expect(call('storage.get', { key: 'k', other: 1 })).resolves.toEqual({ a: [1] });
    expect(seen).toEqual(['storage.get {"key":"k","other":1}']);
  });

  it('calls the host synchronously', () => {
    const seen: string[] = [];
    const call = createHostChannel(() => hostReplying('{"ok":true,"value":null}', seen));
    void call('log', {});
    expect(seen).toEqual(['log {}']);
  });

  it('treats a missing value as null', async () => {
    await expect(createHostChannel(() => hostReplying('{"ok":true}'))('m', {})).resolves.toBeNull();
  });

  it('turns ok:false into a HostCallError with the message and code', async () => {
    const call = createHostChannel(() =>
      hostReplying('{"ok":false,"error":{"message":"nope","code":"unknown-method"}}'),
    );
    const error = await call('native.Camera.snap', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostCallError);
    expect(error).toMatchObject({
      name: 'HostCallError',
      message: 'nope',
      code: 'unknown-method',
      method: 'native.Camera.snap',
    });
  });

  it.each([['not json'], ['{"value":1}'], [42], ['null']])('rejects a malformed reply %j', async (reply) => {
    const error = await createHostChannel(() => hostReplying(reply))('fetch', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'HostCallError', code: 'malformed-reply' });
    expect((error as Error).message).toContain(`The host's reply to 'fetch' is not {"ok":true,"value":...}`);
  });

  it('rejects, naming the fix, when __host is missing', async () => {
    await expect(createHostChannel(() => undefined)('log', {})).rejects.toThrow(
      'globalThis.__host.call is not defined; the host must define it before running a worker (bridge protocol v1)',
    );
  });

  it('rejects instead of throwing when the host throws or the args do not serialise', async () => {
    const throwing: Host = {
      call: () => {
        throw new Error('host down');
      },
    };
    await expect(createHostChannel(() => throwing)('log', {})).rejects.toThrow('host down');
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    await expect(createHostChannel(() => hostReplying('{"ok":true}'))('log', cyclic)).rejects.toThrow(
      TypeError,
    );
  });
});
