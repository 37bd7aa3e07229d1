import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type HostCall, QuickJsGuest } from './quickjs-guest.js';

/** One scripted host reply: the method the guest must call next and the HostReplyJson to answer with. */
export interface ScriptedReply {
  readonly method: string;
  readonly replyJson: string;
}

/** A bridge conformance case, as stored in `packages/api/bridge-conformance/cases/*.json` (see its README). */
export interface ConformanceCase {
  readonly name: string;
  readonly worker: string;
  readonly inputJson: string;
  readonly contextJson: string;
  readonly hostReplies: readonly ScriptedReply[];
  readonly stop?: { readonly afterCalls: number; readonly reason: number };
  readonly expectedResultJson: string;
  readonly expectedCalls: readonly HostCall[];
}

/** A merge case, as stored in `packages/api/bridge-conformance/merge-cases/*.json` (see its README). */
export interface MergeCase {
  readonly name: string;
  /** 1st argument of `__workscript.merge`. */
  readonly merger: string;
  /** 2nd argument, passed as is (it may be invalid on purpose). */
  readonly inputsJson: string;
  /** The MergeResultJson `merge` must return, after {@link normaliseResultJson}. */
  readonly expectedJson: string;
}

/** What one host produced for a case, normalised for comparison. */
export interface ConformanceOutcome {
  readonly resultJson: string;
  readonly calls: readonly HostCall[];
}

/** The stack placeholder an expected result may use; see {@link normaliseResultJson}. */
export const ANY_STACK = '<any>';

/** Matches the stack of a failure-with-error result: always the last member, `"stack":"..."}}` at the end. */
const STACK_AT_END = /"stack":"(?:[^"\\]|\\.)*"\}\}$/;

/**
 * Reads every `*.json` case in `dir`, sorted by file name.
 * @throws Error naming the file when a case lacks a field, has one of the wrong type, or is not named
 * after its file.
 */
export function loadConformanceCases(dir: string): ConformanceCase[] {
  return readJsonFiles(dir).map(([file, c]) => checkCase(file, c));
}

/**
 * Reads every `*.json` merge case in `dir`, sorted by file name.
 * @throws Error naming the file when a case lacks a field, has one of the wrong type or an extra one, or is
 * not named after its file.
 */
export function loadMergeCases(dir: string): MergeCase[] {
  return readJsonFiles(dir).map(([file, c]) => {
    checkStrings(file, c, ['name', 'merger', 'inputsJson', 'expectedJson']);
    const extra = Object.keys(c).filter((k) => !['name', 'merger', 'inputsJson', 'expectedJson'].includes(k));
    if (extra.length > 0) throw new Error(`Merge case ${file}: unknown field(s) ${extra.join(', ')}`);
    return c as unknown as MergeCase;
  });
}

function readJsonFiles(dir: string): [string, Record<string, unknown>][] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Record<string, unknown>]);
}

/** Checks that `keys` of a case are strings and that its `name` is its file name. */
function checkStrings(file: string, c: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of keys) {
    if (typeof c[key] !== 'string') throw new Error(`Conformance case ${file}: "${key}" must be a string`);
  }
  if (c['name'] !== file.slice(0, -'.json'.length)) {
    throw new Error(`Conformance case ${file}: "name" must be the file name without .json`);
  }
}

function checkCase(file: string, c: Record<string, unknown>): ConformanceCase {
  const fail = (problem: string): never => {
    throw new Error(`Conformance case ${file}: ${problem}`);
  };
  checkStrings(file, c, ['name', 'worker', 'inputJson', 'contextJson', 'expectedResultJson']);
  const pairs = (key: string, second: string) => {
    const list = c[key];
    if (
      !Array.isArray(list) ||
      !list.every((e) => typeof e?.method === 'string' && typeof e?.[second] === 'string')
    ) {
      fail(`"${key}" must be an array of {"method","${second}"} strings`);
    }
  };
  pairs('hostReplies', 'replyJson');
  pairs('expectedCalls', 'argsJson');
  const stop = c['stop'] as { afterCalls?: unknown; reason?: unknown } | undefined;
  if (stop !== undefined && (!Number.isInteger(stop.afterCalls) || !Number.isInteger(stop.reason))) {
    fail('"stop" must be {"afterCalls": integer, "reason": integer}');
  }
  return c as unknown as ConformanceCase;
}

/**
 * Error stacks differ between engines and builds, so an expected result may say `"stack":"<any>"`: then the
 * actual result's stack (which must be a JSON string) is replaced by `"<any>"` before the byte comparison.
 * Everything else is compared byte for byte. Run results and merge results both end with their error's
 * stack, so this serves both.
 */
export function normaliseResultJson(actual: string, expected: string): string {
  if (!expected.endsWith(`"stack":"${ANY_STACK}"}}`)) return actual;
  return actual.replace(STACK_AT_END, `"stack":"${ANY_STACK}"}}`);
}

/**
 * Runs a case on a fresh QuickJS context (quickjs-emscripten, sync build) loaded with `bundleCode`: the host
 * answers calls with the scripted replies, oldest call first, and calls `stop` as the case says.
 * @throws Error when the guest calls a method other than the next scripted reply's, runs out of replies,
 * leaves replies unused, or deadlocks.
 */
export async function runConformanceCase(
  testCase: ConformanceCase,
  bundleCode: string,
): Promise<ConformanceOutcome> {
  const guest = await QuickJsGuest.load(bundleCode);
  try {
    let used = 0;
    const { resultJson, calls } = guest.run({
      worker: testCase.worker,
      inputJson: testCase.inputJson,
      contextJson: testCase.contextJson,
      ...(testCase.stop === undefined ? {} : { stop: testCase.stop }),
      reply: (call, index) => {
        const scripted = testCase.hostReplies[index];
        if (scripted === undefined) {
          throw new Error(
            `${testCase.name}: host call #${index + 1} (${call.method} ${call.argsJson}) has no scripted reply`,
          );
        }
        if (scripted.method !== call.method) {
          throw new Error(
            `${testCase.name}: host call #${index + 1} is ${call.method} ${call.argsJson}, but the next scripted reply is for ${scripted.method}`,
          );
        }
        used = index + 1;
        return scripted.replyJson;
      },
    });
    if (used !== testCase.hostReplies.length) {
      throw new Error(
        `${testCase.name}: ${testCase.hostReplies.length - used} scripted replies were never used`,
      );
    }
    return { resultJson: normaliseResultJson(resultJson, testCase.expectedResultJson), calls };
  } finally {
    guest.dispose();
  }
}

/**
 * Runs a merge case on a fresh QuickJS context loaded with `bundleCode`: one `__workscript.merge` call, which
 * is synchronous and makes no host calls. Returns the MergeResultJson, normalised for comparison.
 * @throws Error when the bundle has no `merge` (made before mergers) or `merge` throws.
 */
export async function runMergeCase(testCase: MergeCase, bundleCode: string): Promise<string> {
  const guest = await QuickJsGuest.load(bundleCode);
  try {
    if (guest.describe().merge !== 'function') {
      throw new Error(`${testCase.name}: the bundle has no __workscript.merge; regenerate the bundle`);
    }
    return normaliseResultJson(guest.merge(testCase.merger, testCase.inputsJson), testCase.expectedJson);
  } finally {
    guest.dispose();
  }
}
