/**
 * What a worker sees of its engine: the globals it may call and how dates, numbers, strings and errors
 * behave. The `Environment` conformance worker returns one section per case, so both QuickJS hosts must
 * agree on every value byte for byte; `docs/guides/worker-environment.md` tabulates the same probe run on
 * both QuickJS hosts and on Node (`npx tsx packages/api/bridge-conformance/environment-probe-node.ts`).
 */

/** Every global name the guide's inventory lists, in its order; the `globals` section reports `typeof` each. */
export const PROBED_GLOBALS = [
  'globalThis',
  'console',
  'setTimeout',
  'setInterval',
  'clearTimeout',
  'clearInterval',
  'queueMicrotask',
  'setImmediate',
  'Intl',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'URLSearchParams',
  'atob',
  'btoa',
  'structuredClone',
  'crypto',
  'AbortController',
  'AbortSignal',
  'Event',
  'EventTarget',
  'performance',
  'fetch',
  'Headers',
  'Request',
  'Response',
  'Blob',
  'FormData',
  'WebAssembly',
  'process',
  'require',
  'module',
  'exports',
  'global',
  'Buffer',
  'navigator',
  'window',
  'self',
  'WeakRef',
  'FinalizationRegistry',
  'BigInt',
  'BigInt64Array',
  'SharedArrayBuffer',
  'AggregateError',
  'Proxy',
  'Reflect',
  'escape',
  'unescape',
  'eval',
] as const;

/** The sections of the probe, one conformance case each. */
export type ProbeSection = 'globals' | 'date' | 'numbers' | 'text' | 'language' | 'stack';

const g = globalThis as unknown as Record<string, unknown>;

/** Made while the bundle loads: the prelude must have pinned local time before any worker module runs. */
const MODULE_LEVEL_DATE = new Date(2026, 0, 1, 9);

/** Runs `f` and reports its value, or the name of what it threw (messages differ between engines). */
function attempt(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    return `throws ${e instanceof Error ? e.name : typeof e}`;
  }
}

function globals(): Record<string, string> {
  const types: Record<string, string> = {};
  for (const name of PROBED_GLOBALS) types[name] = typeof g[name];
  return types;
}

function date(): Record<string, unknown> {
  const jan = new Date(2026, 0, 1, 9, 30, 15, 250);
  const jul = new Date(2026, 6, 1, 12);
  const modified = new Date(2026, 0, 31);
  modified.setMonth(1);
  modified.setHours(25, 61, 61, 1001);
  return {
    moduleLevelTime: MODULE_LEVEL_DATE.getTime(),
    janHours: jan.getHours(),
    janTimezoneOffset: jan.getTimezoneOffset(),
    julTimezoneOffset: jul.getTimezoneOffset(),
    janTime: jan.getTime(),
    janIso: jan.toISOString(),
    janString: jan.toString(),
    janDateString: jan.toDateString(),
    janTimeString: jan.toTimeString(),
    janLocaleString: jan.toLocaleString(),
    janLocaleDateString: jan.toLocaleDateString(),
    janLocaleTimeString: jan.toLocaleTimeString(),
    janUtcString: jan.toUTCString(),
    janJson: JSON.stringify(jan),
    janLocalFields: [jan.getFullYear(), jan.getMonth(), jan.getDate(), jan.getDay(), jan.getMinutes()],
    epochHours: new Date(0).getHours(),
    twoDigitYear: new Date(99, 0).getFullYear(),
    modifiedIso: modified.toISOString(),
    parseLocalDateTime: Date.parse('2026-01-01T10:00:00'),
    parseLocalDateTimeMs: Date.parse('2026-01-01T10:00:00.123'),
    parseDateOnly: Date.parse('2026-01-01'),
    parseZulu: Date.parse('2026-01-01T10:00:00Z'),
    parseOffset: Date.parse('2026-01-01T10:00:00+02:00'),
    constructLocalDateTime: new Date('2026-07-01T10:00').getTime(),
    parseInvalid: Date.parse('not a date'),
    invalidString: String(new Date(Number.NaN)),
    invalidOffset: new Date(Number.NaN).getTimezoneOffset(),
    callWithoutNew: typeof (Date as unknown as () => unknown)(),
    instanceOf: new Date(0) instanceof Date,
    dateUtc: Date.UTC(2026, 0, 1),
    intlTimeZone: attempt(
      () =>
        (g['Intl'] as { DateTimeFormat(): { resolvedOptions(): { timeZone: string } } } | undefined)
          ?.DateTimeFormat()
          .resolvedOptions().timeZone ?? null,
    ),
  };
}

function numbers(): Record<string, unknown> {
  const doubles = [
    0.1 + 0.2,
    1 / 3,
    -0,
    100,
    1e21,
    1e-7,
    0.000001,
    123456789012345680000,
    5e-324,
    Number.MAX_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ];
  return {
    json: JSON.stringify(doubles),
    strings: doubles.map(String),
    fixed: [(1.005).toFixed(2), (1e21).toFixed(2), (0.5).toFixed(0), (2.5).toFixed(0)],
    precision: [(123.456).toPrecision(4), (0.00001234).toPrecision(2)],
    exponential: (123456).toExponential(2),
    radix: [(255).toString(16), (0.5).toString(2), (-255).toString(36)],
    parse: [Number.parseFloat('1e-7'), Number('0x1f'), Number(' 12 '), Number('1_000')],
    localeString: attempt(() => (1234567.891).toLocaleString()),
    localeStringDe: attempt(() => (1234.5).toLocaleString('de-DE')),
    mathRandom: typeof Math.random(),
    mathRandomInRange: [0, 1, 2, 3, 4].every(() => {
      const r = Math.random();
      return r >= 0 && r < 1;
    }),
    bigInt: attempt(() => String(BigInt(2) ** BigInt(64))),
    bigIntJson: attempt(() => JSON.stringify({ n: BigInt(1) })),
  };
}

function text(): Record<string, unknown> {
  const words = ['b', 'a', 'ä', 'Z', 'z', 'é', 'e'];
  return {
    localeCompare: ['a'.localeCompare('B'), 'ä'.localeCompare('z'), 'a'.localeCompare('a')],
    localeSort: [...words].sort((x, y) => x.localeCompare(y)),
    defaultSort: [...words].sort(),
    upper: ['straße'.toUpperCase(), 'İ'.toLowerCase().length, 'ǅ'.toLocaleUpperCase()],
    normalize: ['é'.normalize('NFD').length, 'ﬁ'.normalize('NFKC')],
    replaceAll: attempt(() => 'a-b-c'.replaceAll('-', '+')),
    stringAt: attempt(() => 'abc'.at(-1)),
    wellFormed: attempt(
      () => (String.prototype as unknown as Record<string, unknown>)['isWellFormed'] !== undefined,
    ),
    padStart: '7'.padStart(3, '0'),
    jsonUnicode: JSON.stringify('ü\u2028\ud800'),
    regexNamedGroups: attempt(() => new RegExp('(?<y>\\d{4})-(?<m>\\d\\d)').exec('2026-01')?.groups?.['m']),
    regexLookbehind: attempt(() => new RegExp('(?<=\\$)\\d+').exec('cost $42')?.[0]),
    regexUnicode: attempt(() => new RegExp('^.$', 'u').test('😀')),
    regexUnicodeProperty: attempt(() => new RegExp('\\p{L}+', 'u').exec('1 Ünïcode')?.[0]),
    regexDotAll: attempt(() => new RegExp('a.b', 's').test('a\nb')),
    regexIndices: attempt(
      () => (new RegExp('b', 'd').exec('abc') as unknown as { indices: unknown[] }).indices[0],
    ),
    regexV: attempt(() => new RegExp('[\\p{L}--[a-z]]', 'v').test('A')),
  };
}

function language(): Record<string, unknown> {
  const arrays = Array.prototype as unknown as Record<string, unknown>;
  const objects = Object as unknown as Record<string, unknown>;
  const promises = Promise as unknown as Record<string, unknown>;
  return {
    arrayAt: attempt(() => [1, 2, 3].at(-1)),
    findLast: typeof arrays['findLast'],
    toSorted: typeof arrays['toSorted'],
    objectHasOwn: typeof objects['hasOwn'],
    objectGroupBy: typeof objects['groupBy'],
    promiseAny: typeof promises['any'],
    promiseWithResolvers: typeof promises['withResolvers'],
    errorCause: attempt(() => (new Error('x', { cause: 1 }) as { cause?: unknown }).cause ?? null),
    weakRefDeref: attempt(() => {
      const target = {};
      return new (g['WeakRef'] as new (t: object) => { deref(): unknown })(target).deref() === target;
    }),
    symbolDescription: Symbol('s').description,
    functionToString: function named(a: number) {
      return a;
    }
      .toString()
      .replace(/\s+/g, ' '),
    sortStable: [3, 1, 2, 1]
      .map((n, i) => ({ n, i }))
      .sort((a, b) => a.n - b.n)
      .map((e) => e.i),
    objectKeyOrder: Object.keys({ b: 1, 2: 1, a: 1, 1: 1 }),
  };
}

function stack(): Record<string, unknown> {
  const thrower = function probeThrower(): never {
    throw new Error('probe');
  };
  let caught: Error | undefined;
  try {
    thrower();
  } catch (e) {
    caught = e as Error;
  }
  const raw = caught?.stack ?? '';
  return {
    typeofStack: typeof caught?.stack,
    // The worker's own frames; line, column and file name depend on the bundle and the host, the shape does not.
    lines: raw
      .split('\n')
      .filter((line) => line !== '')
      .slice(0, 3)
      .map((line) => line.replace(/\d+/g, 'N').replace(/\(.*:N:N\)$/, '(<file>:N:N)')),
    firstLineHasMessage: raw.startsWith('Error: probe'),
    mentionsFunction: raw.includes('probeThrower'),
    captureStackTrace: typeof (Error as unknown as Record<string, unknown>)['captureStackTrace'],
  };
}

/** The probe's value for one section (see {@link ProbeSection}). */
export function probeEnvironment(section: ProbeSection): Record<string, unknown> {
  switch (section) {
    case 'globals':
      return globals();
    case 'date':
      return date();
    case 'numbers':
      return numbers();
    case 'text':
      return text();
    case 'language':
      return language();
    case 'stack':
      return stack();
  }
}
