import { describe, expect, it } from 'vitest';
import { createFetchResponse } from '../../src/guest/create-fetch-response.js';

describe('createFetchResponse', () => {
  it('wraps the host reply with lower-cased headers and body readers', async () => {
    const response = createFetchResponse({
      status: 204,
      url: 'https://x.test/',
      headers: { 'X-Id': 'a' },
      body: '{"n":1}',
    });
    expect({
      status: response.status,
      ok: response.ok,
      url: response.url,
      headers: response.headers,
    }).toEqual({
      status: 204,
      ok: true,
      url: 'https://x.test/',
      headers: { 'x-id': 'a' },
    });
    await expect(response.text()).resolves.toBe('{"n":1}');
    await expect(response.json()).resolves.toEqual({ n: 1 });
  });

  it.each([
    [199, false],
    [200, true],
    [299, true],
    [300, false],
    [500, false],
  ])('status %i → ok %s', (status, ok) => {
    expect(createFetchResponse({ status, url: '', headers: {}, body: '' }).ok).toBe(ok);
  });

  it('rejects json() of a body that is not JSON', async () => {
    await expect(
      createFetchResponse({ status: 200, url: '', headers: {}, body: '<html>' }).json(),
    ).rejects.toThrow(SyntaxError);
  });

  it('throws for a reply of the wrong shape', () => {
    expect(() => createFetchResponse({ status: '200', url: '', headers: {}, body: '' })).toThrow(
      new TypeError(
        'The host\'s fetch reply must be {"status":number,"url":string,"headers":{},"body":string}; got {"status":"200","url":"","headers":{},"body":""}',
      ),
    );
    expect(() => createFetchResponse(null)).toThrow(TypeError);
  });
});
