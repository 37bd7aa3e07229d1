import type { Host } from '../../src/guest/index.js';

/** One recorded `__host.call`. */
export interface RecordedCall {
  readonly method: string;
  readonly args: unknown;
}

/**
 * A `__host` for unit tests: records every call and answers with `handler`'s value as `{"ok":true,"value"}`,
 * or `{"ok":false,...}` when the handler throws. `hold` keeps calls of a method pending until released.
 */
export class FakeHost implements Host {
  readonly calls: RecordedCall[] = [];
  private readonly held: { method: string; release: () => void }[] = [];

  constructor(
    private readonly handler: (method: string, args: Record<string, unknown>) => unknown = () => null,
    private readonly hold: ReadonlySet<string> = new Set(),
  ) {}

  call(method: string, argsJson: string): Promise<string> {
    const args = JSON.parse(argsJson) as Record<string, unknown>;
    this.calls.push({ method, args });
    const answer = (): string => {
      try {
        return JSON.stringify({ ok: true, value: this.handler(method, args) ?? null });
      } catch (e) {
        return JSON.stringify({ ok: false, error: { message: (e as Error).message, code: 'test-error' } });
      }
    };
    if (!this.hold.has(method)) return Promise.resolve(answer());
    return new Promise((resolve) => this.held.push({ method, release: () => resolve(answer()) }));
  }

  /** Answers the oldest held call; throws when none is held. */
  releaseOldest(): string {
    const next = this.held.shift();
    if (next === undefined) throw new Error('no held call');
    next.release();
    return next.method;
  }

  /** Number of calls still held. */
  get heldCount(): number {
    return this.held.length;
  }
}

/** Lets every queued promise job run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

/** A contextJson with defaults. */
export function contextJson(over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    runId: 'run-1',
    id: 'work-1',
    tags: ['t'],
    runAttemptCount: 0,
    generation: 0,
    ...over,
  });
}
