/**
 * Local time = UTC for the guest's `Date` (see `bridge-protocol.md`, "Guest environment").
 *
 * QuickJS reads local time from the C library: quickjs-kt calls libc `localtime_r` (the process's `TZ`),
 * quickjs-emscripten calls emscripten's `_localtime_js`, which asks the host's JavaScript `Date` (Node's `TZ`
 * or ICU). Neither host can set the zone of one engine without changing it for the whole process, so the
 * prelude pins it here: every local-time method reads and writes UTC, and strings are formatted as Node
 * formats them with `TZ=UTC` and the `en-US` locale. The result is the same on the JVM, on Android and in
 * quickjs-emscripten whatever the machine's zone.
 */

/** Marks a constructor made by {@link createUtcDate}, so that a second install does not wrap it again. */
const UTC_DATE = Symbol.for('workscript.utcDate');

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ECMAScript's date-time string format; group 3 is the time, group 4 the zone. */
const ISO_FORMAT =
  /^([+-]\d{6}|\d{4})(-\d\d(?:-\d\d)?)?(T\d\d:\d\d(?::\d\d(?:\.\d+)?)?)?(Z|[+-]\d\d:\d\d)?$/i;
/** A zone in a string of another format (the names QuickJS's parser knows, or a numeric offset). */
const ZONE_IN_TEXT = /\b(?:GMT|UTC|UT|Z|[ECMP][SD]T)\b|[+-]\d\d:?\d\d\b/i;

type DateMethods = Record<string, (this: Date, ...args: number[]) => number | string>;

/**
 * Makes local time UTC for `NativeDate`: patches its prototype (so every `Date` object, however it was made,
 * agrees) and returns a constructor to install as `globalThis.Date` that reads multi-argument dates and
 * zone-less strings as UTC. Calling it again with its own result returns that result unchanged.
 *
 * Locale arguments of `toLocale*String` are ignored (QuickJS has no `Intl`): the `en-US` format is used.
 */
export function createUtcDate(NativeDate: DateConstructor): DateConstructor {
  if ((NativeDate as unknown as Record<symbol, unknown>)[UTC_DATE] === true) return NativeDate;
  const proto = NativeDate.prototype as unknown as DateMethods;
  const nativeParse = NativeDate.parse;
  const getTime = proto['getTime'] as (this: Date) => number;
  const localGetters = ['FullYear', 'Month', 'Date', 'Hours', 'Minutes', 'Seconds', 'Milliseconds'].map(
    (field) => proto[`get${field}`] as (this: Date) => number,
  );

  /** The instant a string names, reading a string without a zone as UTC. */
  const parse = (value: unknown): number => {
    const text = String(value);
    const t = nativeParse(text);
    if (Number.isNaN(t)) return t;
    const iso = ISO_FORMAT.exec(text);
    // Date-only ISO forms are UTC already (the standard says so); anything with a zone is absolute.
    if (iso !== null) return iso[3] === undefined || iso[4] !== undefined ? t : nativeParse(`${text}Z`);
    if (ZONE_IN_TEXT.test(text)) return t;
    const asGmt = nativeParse(`${text} GMT`);
    if (!Number.isNaN(asGmt)) return asGmt;
    // The native parser read a wall time in the host's zone: read the same wall time as UTC instead.
    const local = new NativeDate(t);
    const [y, mo, d, h, mi, s, ms] = localGetters.map((get) => get.call(local)) as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return NativeDate.UTC(y, mo, d, h, mi, s, ms);
  };

  const toConstructorArgs = (args: unknown[]): unknown[] => {
    if (args.length === 0) return [];
    if (args.length > 1) return [NativeDate.UTC(...(args.map(Number) as [number, number]))];
    let value = args[0];
    if (value instanceof NativeDate) return [getTime.call(value)];
    if (typeof value === 'object' && value !== null) {
      // ToPrimitive with the default hint, as the Date constructor does, so a string result is parsed below.
      const primitive: unknown = (value as { valueOf(): unknown }).valueOf();
      value = Object(primitive) === primitive ? String(value) : primitive;
    }
    return typeof value === 'string' ? [parse(value)] : [value];
  };

  function UtcDate(this: unknown, ...args: unknown[]): unknown {
    if (new.target === undefined) return dateString(new NativeDate(), true);
    return Reflect.construct(NativeDate, toConstructorArgs(args), new.target);
  }
  Object.defineProperties(UtcDate, {
    name: { value: 'Date' },
    length: { value: 7 },
    prototype: { value: proto, writable: false },
    parse: { value: parse, writable: true, configurable: true },
    UTC: { value: NativeDate.UTC, writable: true, configurable: true },
    now: { value: NativeDate.now, writable: true, configurable: true },
    [UTC_DATE]: { value: true },
  });

  for (const field of ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds']) {
    proto[`get${field}`] = proto[`getUTC${field}`] as DateMethods[string];
    if (field !== 'Day') proto[`set${field}`] = proto[`setUTC${field}`] as DateMethods[string];
  }
  const valid = (date: Date): boolean => !Number.isNaN(getTime.call(date));
  const methods: DateMethods = {
    getTimezoneOffset(this: Date) {
      return valid(this) ? 0 : Number.NaN;
    },
    toString(this: Date) {
      return valid(this) ? dateString(this, true) : 'Invalid Date';
    },
    toDateString(this: Date) {
      return valid(this) ? dateString(this, false) : 'Invalid Date';
    },
    toTimeString(this: Date) {
      return valid(this) ? timeString(this) : 'Invalid Date';
    },
    toLocaleString(this: Date) {
      return valid(this) ? `${localeDate(this)}, ${localeTime(this)}` : 'Invalid Date';
    },
    toLocaleDateString(this: Date) {
      return valid(this) ? localeDate(this) : 'Invalid Date';
    },
    toLocaleTimeString(this: Date) {
      return valid(this) ? localeTime(this) : 'Invalid Date';
    },
  };
  // Annex B's two-digit-year methods, where the engine has them.
  if (typeof proto['getYear'] === 'function') {
    methods['getYear'] = function (this: Date) {
      return this.getUTCFullYear() - 1900;
    };
  }
  if (typeof proto['setYear'] === 'function') {
    methods['setYear'] = function (this: Date, year: number) {
      const y = Number(year);
      if (!valid(this) && Number.isNaN(y)) return Number.NaN;
      const full = Number.isInteger(y) && y >= 0 && y <= 99 ? 1900 + y : y;
      if (!valid(this)) this.setTime(0);
      return this.setUTCFullYear(full);
    };
  }
  for (const [name, method] of Object.entries(methods)) {
    Object.defineProperty(proto, name, { value: method, writable: true, configurable: true });
  }
  Object.defineProperty(proto, 'constructor', { value: UtcDate, writable: true, configurable: true });
  return UtcDate as unknown as DateConstructor;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function dateString(date: Date, withTime: boolean): string {
  const year = date.getUTCFullYear();
  const yearText = year < 0 ? `-${pad(-year, 4)}` : pad(year, 4);
  const day = `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${yearText}`;
  return withTime ? `${day} ${timeString(date)}` : day;
}

function timeString(date: Date): string {
  const hms = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${hms} GMT+0000 (Coordinated Universal Time)`;
}

function localeDate(date: Date): string {
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()}`;
}

function localeTime(date: Date): string {
  const h = date.getUTCHours();
  const ms = `${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${h % 12 === 0 ? 12 : h % 12}:${ms} ${h < 12 ? 'AM' : 'PM'}`;
}
