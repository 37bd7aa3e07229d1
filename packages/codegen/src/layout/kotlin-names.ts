/**
 * Kotlin identifier rules. Hard keywords cannot be identifiers unless escaped with backticks; soft and
 * modifier keywords (`data`, `value`, `open`, ...) are valid identifiers and stay as they are.
 */
export const KOTLIN_HARD_KEYWORDS: ReadonlySet<string> = new Set([
  'as',
  'break',
  'class',
  'continue',
  'do',
  'else',
  'false',
  'for',
  'fun',
  'if',
  'in',
  'interface',
  'is',
  'null',
  'object',
  'package',
  'return',
  'super',
  'this',
  'throw',
  'true',
  'try',
  'typealias',
  'typeof',
  'val',
  'var',
  'when',
  'while',
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Splits a name into words at non-alphanumerics and lower→upper case changes. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
}

/** `sync_contacts` → `SyncContacts`; keeps inner capitals (`syncHTTP` → `SyncHTTP`). */
export function pascalCase(name: string): string {
  const out = words(name)
    .map((w) => (w[0] ?? '').toUpperCase() + w.slice(1))
    .join('');
  if (out === '') return 'Value';
  return /^[0-9]/.test(out) ? `V${out}` : out;
}

/** `content-type` → `contentType`; valid identifiers are kept as they are. */
export function camelCase(name: string): string {
  if (IDENTIFIER.test(name)) return name;
  const p = pascalCase(name);
  const out = (p[0] ?? '').toLowerCase() + p.slice(1);
  return /^[0-9]/.test(out) ? `_${out}` : out;
}

/** `'not-roaming'` → `NOT_ROAMING`, `'photo'` → `PHOTO`, `''` → `EMPTY`. */
export function constantCase(value: string): string {
  const out = words(value)
    .map((w) => w.toUpperCase())
    .join('_');
  if (out === '') return 'EMPTY';
  return /^[0-9]/.test(out) ? `V_${out}` : out;
}

/**
 * True when `name` can be declared in Kotlin once {@link escapeKeyword} has run: a plain identifier (hard
 * keywords included, they get backticks). Other characters are refused rather than backticked, because
 * Android's DEX format rejects many of them in member names.
 */
export function isKotlinIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Escapes a hard keyword with backticks; other identifiers are returned unchanged. */
export function escapeKeyword(identifier: string): string {
  return KOTLIN_HARD_KEYWORDS.has(identifier) ? `\`${identifier}\`` : identifier;
}

/** True for a package name Kotlin accepts without backticks: dot-separated identifiers, none a hard keyword. */
export function isValidPackageName(name: string): boolean {
  return name.split('.').every((segment) => IDENTIFIER.test(segment) && !KOTLIN_HARD_KEYWORDS.has(segment));
}

/** A valid package name close to `name`: `com.example.my-app` → `com.example.my_app`. */
export function suggestPackageName(name: string): string {
  const segments = name
    .split('.')
    .filter((s) => s !== '')
    .map((s) => {
      const cleaned = s.replace(/[^A-Za-z0-9_]/g, '_');
      const id = /^[0-9]/.test(cleaned) ? `_${cleaned}` : cleaned;
      return KOTLIN_HARD_KEYWORDS.has(id) ? `${id}_` : id;
    });
  return segments.length === 0 ? 'dev.workscript.generated' : segments.join('.');
}
