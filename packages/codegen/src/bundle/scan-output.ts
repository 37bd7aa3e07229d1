/**
 * What {@link scanOutput} finds in the code of esbuild's output, that is outside its string, template and
 * regular expression literals and its comments.
 */
export interface OutputScan {
  /**
   * Offsets of the lines that start with `import ` in code. esbuild prints each import statement it keeps at the
   * start of a line (top level, so not indented) and nothing else there begins with that word and a space, so
   * these are exactly its import statements, wherever in the output they are. The first line (a banner) is
   * not looked at.
   */
  readonly importLines: readonly number[];
  /**
   * The argument, as printed (`"@workscript/api"`), of each call of esbuild's `__require` helper, which it
   * emits for a `require()` that stays outside the bundle.
   */
  readonly requires: readonly string[];
  /**
   * Offsets of the `import` keyword of each dynamic `import(…)` call. esbuild leaves one in its output for a
   * module that is external (or a specifier it cannot read), printed as `import(` with no space.
   */
  readonly dynamicImports: readonly number[];
}

/** Where code may change state: a literal or comment starts, a bracket, or a line that may matter. */
const TOKEN = /["'`/(){}]|\n(?=import |var __require = )/g;
const STRING_REST = { '"': /(?:[^"\\\n]|\\[^])*"/y, "'": /(?:[^'\\\n]|\\[^])*'/y } as const;
/** A template literal's text up to its end or its next `${`. */
const TEMPLATE_TEXT = /(?:[^`\\$]|\\[^]|\$(?!\{))*/y;
/** A regular expression literal after its first `/`: on one line, a class may hold `/`. */
const REGEXP_REST = /(?:[^/\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+\/[\w$]*/y;
/** Words after which a `/` starts a regular expression rather than dividing. */
const BEFORE_EXPRESSION = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
  'extends',
]);
/** Statements whose parenthesised head may be followed by a statement on the same line: `if (x) /a/.test(y);`. */
const CONTROL_HEADS = new Set(['if', 'while', 'for', 'with']);
const REQUIRE_CALL = '__require(';
const IMPORT_KEYWORD = 'import';

/**
 * Scans esbuild's output once, as a lexer would, for the import statements it printed and the calls of its
 * `__require` helper, so that text of the user's that looks like them (an import line in a template literal
 * or a legal comment, `__require("…")` in a string) is not taken for them.
 *
 * esbuild does not hoist the imports of external modules: each stays in its module's part of the output,
 * after that part's export helpers, and a module wrapped for `require` keeps its imports just before its
 * wrapper. So the whole output is scanned. Only what esbuild prints needs handling, which keeps this small:
 * it prints a division operator after its left operand on the same line, so a `/` that starts a line (after
 * indentation and comments) begins a regular expression, and otherwise the token before the `/` decides.
 *
 * @throws Error when a string, template literal or comment does not end (not esbuild's output).
 */
export function scanOutput(text: string): OutputScan {
  const importLines: number[] = [];
  const requires: string[] = [];
  const dynamicImports: number[] = [];
  let requireDefined = false;
  /** One per open `{`: true when it is a template literal's `${`. */
  const braces: boolean[] = [];
  /** One per open `(`: true when it is the head of `if`, `while`, `for` or `with`. */
  const parens: boolean[] = [];
  let controlHeadEnd = -1;
  let commentStart = -1;
  let commentEnd = -1;

  const fail = (what: string, at: number): never => {
    throw new Error(`esbuild's output has an unterminated ${what} at offset ${String(at)}`);
  };
  /** After a template literal's opening backtick or a `}` that closes a `${`: where code resumes. */
  const templateFrom = (from: number): number => {
    TEMPLATE_TEXT.lastIndex = from;
    TEMPLATE_TEXT.test(text);
    const end = TEMPLATE_TEXT.lastIndex;
    if (text[end] === '`') return end + 1;
    if (text[end] !== '$') fail('template literal', from);
    braces.push(true);
    return end + 2;
  };
  /** Whether the `/` at `at` (not a comment) starts a regular expression. */
  const startsRegExp = (at: number): boolean => {
    let j = at - 1;
    // Back over blanks and the last block comment (esbuild prints at most one, `/* @__PURE__ */`, in a row).
    for (;;) {
      while (text[j] === ' ' || text[j] === '\t') j--;
      if (j !== commentEnd - 1 || j < 0) break;
      j = commentStart - 1;
    }
    const c = text[j];
    if (c === undefined || c === '\n') return true;
    if (c === ')') return j === controlHeadEnd;
    if (c === '+' || c === '-') return text[j - 1] !== c; // `a++ / 2` divides
    if (!isWordChar(c)) return !']}"\'`'.includes(c);
    const start = wordStart(text, j);
    return !isMember(text, start) && BEFORE_EXPRESSION.has(text.slice(start, j + 1));
  };

  let i = 0;
  for (;;) {
    TOKEN.lastIndex = i;
    // `test`, not `exec`: no match object per token. Every token is one character long.
    if (!TOKEN.test(text)) break;
    i = TOKEN.lastIndex;
    const at = i - 1;
    const c = text[at];
    switch (c) {
      case '\n':
        if (text.startsWith('import ', i)) importLines.push(i);
        else requireDefined = true; // `var __require = `: esbuild defines its helper
        break;
      case '"':
      case "'": {
        const rest = STRING_REST[c];
        rest.lastIndex = i;
        if (!rest.test(text)) fail('string', at);
        i = rest.lastIndex;
        if (c === '"' && requireDefined && isRequireArgument(text, at)) requires.push(text.slice(at, i));
        break;
      }
      case '`':
        i = templateFrom(i);
        break;
      case '{':
        braces.push(false);
        break;
      case '}':
        if (braces.pop() === true) i = templateFrom(i);
        break;
      case '(':
        if (isImportCall(text, at)) dynamicImports.push(at - IMPORT_KEYWORD.length);
        parens.push(isControlHead(text, at));
        break;
      case ')':
        if (parens.pop() === true) controlHeadEnd = at;
        break;
      default: {
        // '/'
        const next = text[i];
        if (next === '/') {
          const end = text.indexOf('\n', i);
          i = end === -1 ? text.length : end;
        } else if (next === '*') {
          const end = text.indexOf('*/', i + 1);
          if (end === -1) fail('comment', at);
          commentStart = at;
          commentEnd = i = end + 2;
        } else if (startsRegExp(at)) {
          REGEXP_REST.lastIndex = i;
          // Without a closing `/` on its line it cannot be one: then it divides after all.
          if (REGEXP_REST.test(text)) i = REGEXP_REST.lastIndex;
        }
      }
    }
  }
  return { importLines, requires, dynamicImports };
}

const WORD_CHAR = /[\w$\u0080-\uffff]/;

/** Whether `c` may be part of an identifier, keyword or number (esbuild prints non-ASCII names as they are). */
function isWordChar(c: string): boolean {
  return WORD_CHAR.test(c);
}

/** The offset of the identifier, keyword or number that ends at `end` (inclusive). */
function wordStart(text: string, end: number): number {
  let j = end;
  while (j > 0 && isWordChar(text[j - 1] ?? ' ')) j--;
  return j;
}

/** Whether the word at `start` is a property (`a.return`, `this.#in`), not a keyword. */
function isMember(text: string, start: number): boolean {
  const before = text[start - 1];
  return before === '.' || before === '#';
}

/** Whether the `(` at `at` opens the head of `if`, `while`, `for` (also `for await`) or `with`. */
function isControlHead(text: string, at: number): boolean {
  if (text[at - 1] !== ' ') return false; // esbuild prints `if (`; a call has no space
  const start = wordStart(text, at - 2);
  if (isMember(text, start)) return false;
  const word = text.slice(start, at - 1);
  return CONTROL_HEADS.has(word) || (word === 'await' && text.endsWith('for ', start));
}

/** Whether the `(` at `at` opens a dynamic `import(…)`: the keyword, not a longer name or a property. */
function isImportCall(text: string, at: number): boolean {
  const start = at - IMPORT_KEYWORD.length;
  if (!text.startsWith(IMPORT_KEYWORD, start)) return false;
  const before = text[start - 1];
  return before === undefined || !(isWordChar(before) || before === '.' || before === '#');
}

/**
 * Whether the string literal at `at` is the argument of a `__require(` call. With esbuild's helper defined,
 * esbuild renames every name of the user's that would be `__require`, so any other such call is a property's.
 */
function isRequireArgument(text: string, at: number): boolean {
  const call = at - REQUIRE_CALL.length;
  if (!text.startsWith(REQUIRE_CALL, call)) return false;
  const before = text[call - 1];
  return before === undefined || !(isWordChar(before) || before === '.' || before === '#');
}
