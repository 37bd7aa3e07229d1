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
  /** The content URIs whose changes started this run; empty when the host sent none. */
  readonly triggeredContentUris: readonly string[];
  /** The authorities of those changes; empty when the host sent none. */
  readonly triggeredContentAuthorities: readonly string[];
}

/**
 * Parses `{"runId","id","tags","runAttemptCount","generation"}` and the optional
 * `"triggeredContentUris"` and `"triggeredContentAuthorities"`. They are optional so that hosts written
 * before them still speak protocol v1: absent means empty.
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
  const { triggeredContentUris = [], triggeredContentAuthorities = [] } = c;
  if (typeof runId !== 'string' || runId === '') return fail('runId', 'a non-empty string');
  if (typeof id !== 'string') return fail('id', 'a string');
  if (!isStringArray(tags)) return fail('tags', 'an array of strings');
  if (!isCount(runAttemptCount)) return fail('runAttemptCount', 'a non-negative integer');
  if (!isCount(generation)) return fail('generation', 'a non-negative integer');
  if (!isStringArray(triggeredContentUris))
    return fail('triggeredContentUris', 'an array of strings when present');
  if (!isStringArray(triggeredContentAuthorities))
    return fail('triggeredContentAuthorities', 'an array of strings when present');
  return Object.freeze({
    runId,
    id,
    tags: Object.freeze([...tags]),
    runAttemptCount,
    generation,
    triggeredContentUris: Object.freeze([...triggeredContentUris]),
    triggeredContentAuthorities: Object.freeze([...triggeredContentAuthorities]),
  });
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
