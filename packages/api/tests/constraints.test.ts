import { describe, expect, it } from 'vitest';
import {
  Constraints,
  constraintsEqual,
  createOneTimeWorkRequest,
  createPeriodicWorkRequest,
  defineWorker,
  hasConstraints,
  hasContentUriTriggers,
  InvalidWorkRequestError,
  NO_CONSTRAINTS,
  resolveConstraints,
} from '../src/index.js';

const images = 'content://media/external/images/media';
const video = 'content://media/external/video/media';
const worker = defineWorker({ name: 'OnPhotos', run: (_: Record<string, never>, ctx) => ctx.success() });

describe('content-URI triggers (spec §6)', () => {
  it('default to none, with both delays left to the system (-1)', () => {
    expect(NO_CONSTRAINTS.contentUriTriggers).toEqual([]);
    // androidx's name for the same value.
    expect(Constraints.NONE).toBe(NO_CONSTRAINTS);
    expect(constraintsEqual(resolveConstraints({}), Constraints.NONE)).toBe(true);
    expect(resolveConstraints({})).toMatchObject({
      contentUriTriggers: [],
      contentTriggerUpdateDelayMillis: -1,
      contentTriggerMaxDelayMillis: -1,
    });
    expect(hasContentUriTriggers(undefined)).toBe(false);
  });

  it('are a set: duplicates count once and order does not matter for equality', () => {
    const a = resolveConstraints({
      contentUriTriggers: [
        { uri: images, isTriggeredForDescendants: true },
        { uri: video, isTriggeredForDescendants: false },
        { uri: images, isTriggeredForDescendants: true },
      ],
    });
    expect(a.contentUriTriggers).toEqual([
      { uri: images, isTriggeredForDescendants: true },
      { uri: video, isTriggeredForDescendants: false },
    ]);
    const b = {
      contentUriTriggers: [
        { uri: video, isTriggeredForDescendants: false },
        { uri: images, isTriggeredForDescendants: true },
      ],
    };
    expect(constraintsEqual(a, b)).toBe(true);
    // The flag is part of the trigger: the same URI without descendants is another trigger.
    expect(
      constraintsEqual(a, {
        contentUriTriggers: [
          { uri: video, isTriggeredForDescendants: false },
          { uri: images, isTriggeredForDescendants: false },
        ],
      }),
    ).toBe(false);
  });

  it('make constraints count as set (hasConstraints), and so do the delays alone', () => {
    expect(hasConstraints({ contentUriTriggers: [{ uri: images, isTriggeredForDescendants: false }] })).toBe(
      true,
    );
    expect(
      hasContentUriTriggers({ contentUriTriggers: [{ uri: images, isTriggeredForDescendants: false }] }),
    ).toBe(true);
    // Constraints.equals compares every field, so a delay without a trigger is still not Constraints.NONE.
    expect(hasConstraints({ contentTriggerUpdateDelayMillis: 500 })).toBe(true);
    expect(
      constraintsEqual({ contentTriggerMaxDelayMillis: 1000 }, { contentTriggerMaxDelayMillis: 2000 }),
    ).toBe(false);
  });

  it('resolving resolved constraints returns them unchanged', () => {
    const r = resolveConstraints({
      requiresCharging: true,
      contentUriTriggers: [{ uri: images, isTriggeredForDescendants: true }],
    });
    expect(resolveConstraints(r)).toBe(r);
    expect(Object.isFrozen(r.contentUriTriggers)).toBe(true);
    expect(Object.isFrozen(r.contentUriTriggers[0])).toBe(true);
  });

  it('are kept by one-time and periodic requests', () => {
    const constraints = {
      contentUriTriggers: [{ uri: images, isTriggeredForDescendants: true }],
      contentTriggerUpdateDelayMillis: 500,
      contentTriggerMaxDelayMillis: 5_000,
    };
    expect(createOneTimeWorkRequest(worker, { constraints }).constraints).toMatchObject(constraints);
    expect(createPeriodicWorkRequest(worker, { intervalMs: 900_000, constraints }).constraints).toMatchObject(
      constraints,
    );
  });

  it('cannot be expedited (WorkRequest.Builder.build, API 24+)', () => {
    expect(() =>
      createOneTimeWorkRequest(worker, {
        expedited: 'RUN_AS_NON_EXPEDITED_WORK_REQUEST',
        constraints: { contentUriTriggers: [{ uri: images, isTriggeredForDescendants: false }] },
      }),
    ).toThrow(
      'constraints.contentUriTriggers: expedited jobs only support network and storage constraints (requiredNetworkType, requiresStorageNotLow); remove contentUriTriggers',
    );
  });

  it('rejects a URI longer than writeUTF can store', () => {
    const uri = `content://a/${'x'.repeat(65_535)}`;
    expect(() =>
      resolveConstraints({ contentUriTriggers: [{ uri, isTriggeredForDescendants: false }] }),
    ).toThrow(
      'constraints.contentUriTriggers[0].uri: is 65547 bytes long in modified UTF-8; WorkManager stores at most 65535',
    );
  });

  it.each([
    [
      { contentUriTriggers: images },
      'constraints.contentUriTriggers: "content://media/external/images/media" (a string) is not valid; use an array of { uri, isTriggeredForDescendants }',
    ],
    [
      { contentUriTriggers: [images] },
      'constraints.contentUriTriggers[0]: "content://media/external/images/media" (a string) is not a { uri, isTriggeredForDescendants } object',
    ],
    [
      { contentUriTriggers: [{ uri: 'https://example.com/a', isTriggeredForDescendants: false }] },
      `constraints.contentUriTriggers[0].uri: "https://example.com/a" is not a content URI; Android reports changes only for content:// URIs, e.g. 'content://media/external/images/media'`,
    ],
    [
      { contentUriTriggers: [{ uri: 'content://', isTriggeredForDescendants: false }] },
      'constraints.contentUriTriggers[0].uri: "content://" is not a content URI',
    ],
    [
      { contentUriTriggers: [{ uri: images }] },
      'constraints.contentUriTriggers[0].isTriggeredForDescendants: undefined is not valid; use true or false',
    ],
    [
      { contentUriTriggers: [{ uri: images, isTriggeredForDescendants: true, flags: 1 }] },
      'constraints.contentUriTriggers[0].flags: unknown field; a trigger has uri and isTriggeredForDescendants',
    ],
    [
      { contentTriggerUpdateDelayMillis: -2 },
      'constraints.contentTriggerUpdateDelayMillis: -2 is not valid; use a whole number of milliseconds ≥ 0, or -1 for the system default',
    ],
    [{ contentTriggerMaxDelayMillis: 1.5 }, 'constraints.contentTriggerMaxDelayMillis: 1.5 is not valid'],
  ])('rejects %j', (constraints, message) => {
    const attempt = () => resolveConstraints(constraints as never);
    expect(attempt).toThrow(InvalidWorkRequestError);
    expect(attempt).toThrow(message);
  });
});
