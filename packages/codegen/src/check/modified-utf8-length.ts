/** `writeUTF` refuses strings whose encoding exceeds this many bytes (its length prefix is an unsigned short). */
export const MAX_MODIFIED_UTF8_BYTES = 65_535;

/**
 * Bytes `s` takes in Java's modified UTF-8 (`DataOutputStream.writeUTF`, without the 2-byte length prefix),
 * which androidx uses for Data strings and content-URI triggers: U+0000 takes 2 bytes and each UTF-16 code unit
 * of a character outside the BMP takes 3. Mirrors `@workscript/api`'s `modifiedUtf8Length`.
 */
export function modifiedUtf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c >= 0x0001 && c <= 0x007f ? 1 : c <= 0x07ff ? 2 : 3;
  }
  return n;
}
