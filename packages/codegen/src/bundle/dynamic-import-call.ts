/** A dynamic `import(…)` call read from code: its text for a message, and where it ends. */
export interface DynamicImportCall {
  /** `import(…)` with the argument list as written, blanks collapsed, shortened with `…` past the limit. */
  readonly text: string;
  /** The offset just past the closing parenthesis. */
  readonly end: number;
}

const KEYWORD = 'import';
/** Longest call text a message quotes: enough for any specifier a user would recognise. */
const MAX_TEXT = 60;
const OPEN = '([{';
const CLOSE = ')]}';

/**
 * The dynamic `import(…)` call whose keyword starts at `start` in `text` (esbuild's output, or the user's
 * TypeScript or JavaScript source), or undefined when `import` and an opening parenthesis are not there or
 * the call does not end. Brackets are matched and string and template literals skipped (a template up to its
 * next backtick, so with its `${…}` unless that holds another template), which is enough for the specifier
 * expressions people write; it is not a full parser.
 */
export function dynamicImportCall(text: string, start: number): DynamicImportCall | undefined {
  if (!text.startsWith(KEYWORD, start)) return undefined;
  let i = start + KEYWORD.length;
  while (/\s/.test(text[i] ?? '')) i++;
  if (text[i] !== '(') return undefined;
  const open = i;
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '"' || c === "'" || c === '`') {
      i = literalEnd(text, i);
      if (i === -1) return undefined;
    } else if (OPEN.includes(c)) {
      depth++;
    } else if (CLOSE.includes(c) && --depth === 0) {
      const call = `${KEYWORD}(${text
        .slice(open + 1, i)
        .replace(/\s+/g, ' ')
        .trim()})`;
      return { text: call.length > MAX_TEXT ? `${call.slice(0, MAX_TEXT - 2)}…)` : call, end: i + 1 };
    }
  }
  return undefined;
}

/** The offset of the quote that closes the literal opened at `at`, or -1 when it does not close. */
function literalEnd(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i;
    else if (c === '\n' && quote !== '`') return -1;
  }
  return -1;
}
