/** The `contextJson` of a `run` call, validated. */
export interface RunContext {
  /** Unique per attempt; sent back on every host call of the run. */
  readonly runId: string;
  /** The work's id. */
  readonly id: string;
  /** The work's tags. */
  readonly tags: readonly string[];
  /** Runs before this one. */
  readonly runAttemptCount: number;
  /** Updates of the work. */
  readonly generation: number;
}

/**
 * Parses `{"runId","id","tags","runAttemptCount","generation"}`.
 * @throws TypeError naming the first field that is missing or has the wrong type.
 */
export function parseRunContext(contextJson: string): RunContext {
  let parsed: unknown;
  try {
    parsed = JSON.parse(contextJson);
  } catch {
    throw new TypeError(`contextJson is not valid JSON: ${String(contextJson).slice(0, 200)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError(
      `contextJson must be a JSON object {"runId","id","tags","runAttemptCount","generation"}`,
    );
  }
  const c = parsed as Record<string, unknown>;
  const fail = (field: string, expected: string): never => {
    throw new TypeError(
      `contextJson.${field} must be ${expected}, got ${JSON.stringify(c[field]) ?? 'nothing'}`,
    );
  };
  const { runId, id, tags, runAttemptCount, generation } = c;
  if (typeof runId !== 'string' || runId === '') return fail('runId', 'a non-empty string');
  if (typeof id !== 'string') return fail('id', 'a string');
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string'))
    return fail('tags', 'an array of strings');
  if (!isCount(runAttemptCount)) return fail('runAttemptCount', 'a non-negative integer');
  if (!isCount(generation)) return fail('generation', 'a non-negative integer');
  return Object.freeze({
    runId,
    id,
    tags: Object.freeze([...(tags as string[])]),
    runAttemptCount,
    generation,
  });
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
