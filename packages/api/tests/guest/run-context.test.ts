import { describe, expect, it } from 'vitest';
import { parseRunContext } from '../../src/guest/run-context.js';

describe('parseRunContext', () => {
  it('reads a valid context', () => {
    expect(
      parseRunContext(
        '{"runId":"r","id":"w","tags":["a","b"],"runAttemptCount":2,"generation":1,"extra":true}',
      ),
    ).toEqual({
      runId: 'r',
      id: 'w',
      tags: ['a', 'b'],
      runAttemptCount: 2,
      generation: 1,
      triggeredContentUris: [],
      triggeredContentAuthorities: [],
    });
  });

  it('reads the triggered content URIs and authorities when the host sends them, frozen', () => {
    const context = parseRunContext(
      '{"runId":"r","id":"w","tags":[],"runAttemptCount":0,"generation":0,' +
        '"triggeredContentUris":["content://media/external/images/media/7","content://contacts/people"],' +
        '"triggeredContentAuthorities":["media","contacts"]}',
    );
    expect(context.triggeredContentUris).toEqual([
      'content://media/external/images/media/7',
      'content://contacts/people',
    ]);
    expect(context.triggeredContentAuthorities).toEqual(['media', 'contacts']);
    expect(Object.isFrozen(context.triggeredContentUris)).toBe(true);
    expect(Object.isFrozen(context.triggeredContentAuthorities)).toBe(true);
  });

  it.each([
    ['nope', 'contextJson is not valid JSON: nope'],
    ['[]', 'contextJson must be a JSON object {"runId","id","tags","runAttemptCount","generation"}'],
    [
      '{"id":"w","tags":[],"runAttemptCount":0,"generation":0}',
      'contextJson.runId must be a non-empty string, got nothing',
    ],
    [
      '{"runId":"","id":"w","tags":[],"runAttemptCount":0,"generation":0}',
      'contextJson.runId must be a non-empty string, got ""',
    ],
    [
      '{"runId":"r","id":1,"tags":[],"runAttemptCount":0,"generation":0}',
      'contextJson.id must be a string, got 1',
    ],
    [
      '{"runId":"r","id":"w","tags":[1],"runAttemptCount":0,"generation":0}',
      'contextJson.tags must be an array of strings, got [1]',
    ],
    [
      '{"runId":"r","id":"w","tags":[],"runAttemptCount":-1,"generation":0}',
      'contextJson.runAttemptCount must be a non-negative integer, got -1',
    ],
    [
      '{"runId":"r","id":"w","tags":[],"runAttemptCount":0,"generation":0.5}',
      'contextJson.generation must be a non-negative integer, got 0.5',
    ],
    [
      '{"runId":"r","id":"w","tags":[],"runAttemptCount":0,"generation":0,"triggeredContentUris":"content://a/b"}',
      'contextJson.triggeredContentUris must be an array of strings when present, got "content://a/b"',
    ],
    [
      '{"runId":"r","id":"w","tags":[],"runAttemptCount":0,"generation":0,"triggeredContentUris":null}',
      'contextJson.triggeredContentUris must be an array of strings when present, got null',
    ],
    [
      '{"runId":"r","id":"w","tags":[],"runAttemptCount":0,"generation":0,"triggeredContentAuthorities":["a",2]}',
      'contextJson.triggeredContentAuthorities must be an array of strings when present, got ["a",2]',
    ],
  ])('rejects %s', (json, message) => {
    expect(() => parseRunContext(json)).toThrow(new TypeError(message));
  });
});
