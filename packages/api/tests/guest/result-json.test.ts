import { describe, expect, it } from 'vitest';
import { Result } from '../../src/worker/result.js';
import { describeError, errorToResultJson, workResultToJson } from '../../src/guest/result-json.js';

describe('workResultToJson', () => {
  it.each([
    [Result.success({ b: 1, a: [true] }), '{"status":"success","output":{"b":1,"a":[true]}}'],
    [Result.success(), '{"status":"success","output":{}}'],
    [Result.failure({ why: 'x' }), '{"status":"failure","output":{"why":"x"}}'],
    [{ status: 'failure' }, '{"status":"failure","output":{}}'],
    [Result.retry(), '{"status":"retry"}'],
    [{ status: 'retry', output: { ignored: true } }, '{"status":"retry"}'],
    [
      { status: 'success', output: { skip: undefined, keep: null } },
      '{"status":"success","output":{"keep":null}}',
    ],
  ])('%j → %s', (value, json) => {
    expect(workResultToJson('W', value)).toBe(json);
  });

  it.each([
    [
      undefined,
      "Worker 'W' returned undefined; return ctx.success(output), ctx.failure(output) or ctx.retry()",
    ],
    [
      { status: 'done' },
      'Worker \'W\' returned {"status":"done"}; return ctx.success(output), ctx.failure(output) or ctx.retry()',
    ],
    [
      { status: 'success', output: [1] },
      "Worker 'W' returned a success whose output is [1]; use a plain object",
    ],
    [
      { status: 'failure', output: 'x' },
      'Worker \'W\' returned a failure whose output is "x"; use a plain object',
    ],
  ])('rejects %j', (value, message) => {
    expect(() => workResultToJson('W', value)).toThrow(new TypeError(message));
  });

  it('lets a non-serialisable output throw', () => {
    expect(() => workResultToJson('W', Result.success({ n: 1n }))).toThrow(TypeError);
  });
});

describe('errorToResultJson', () => {
  it('keeps name, message and stack of an Error', () => {
    const error = new RangeError('too big');
    error.stack = 'at here';
    expect(errorToResultJson(error)).toBe(
      '{"status":"failure","output":{},"error":{"name":"RangeError","message":"too big","stack":"at here"}}',
    );
  });

  it('describes thrown values that are not Errors', () => {
    expect(describeError('oops')).toEqual({
      name: 'Error',
      message: 'The worker threw a value that is not an Error: "oops"',
      stack: '',
    });
    expect(describeError(undefined)).toEqual({
      name: 'Error',
      message: 'The worker threw a value that is not an Error: undefined',
      stack: '',
    });
    expect(describeError({ message: 'like an error' })).toEqual({
      name: 'Error',
      message: 'like an error',
      stack: '',
    });
    expect(describeError(10n).message).toBe('The worker threw a value that is not an Error: 10');
  });
});
