package dev.workscript.runtime

/**
 * Strings from JavaScript to Kotlin, made safe for quickjs-kt.
 *
 * quickjs-kt 1.0.14 hands a JavaScript string to Kotlin (a host function's argument, a value `evaluate` returns)
 * as UTF-8 that JNI reads as *modified* UTF-8, so a character outside the BMP arrives cut off: "A😀Z" became
 * "A" + "ð" + a stray byte, and a ResultJson holding an emoji was no longer JSON. Strings from Kotlin to
 * JavaScript are not affected. So every string the host's own scripts pass to Kotlin goes through
 * [ENCODE_FOR_HOST_JS] first (backslashes doubled, each surrogate code unit as `\uXXXX`, so only BMP
 * characters cross) and [decodeGuestString] undoes it exactly.
 */
internal const val ENCODE_FOR_HOST_JS: String = """function (s) {
  return typeof s !== 'string' ? s : s.replace(/[\\\ud800-\udfff]/g, function (c) {
    return c === '\\' ? '\\\\' : '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
  });
}"""

/** Undoes [ENCODE_FOR_HOST_JS]: `\\` is a backslash, `\uXXXX` one UTF-16 code unit; nothing else is escaped. */
internal fun decodeGuestString(sent: String): String {
    if (sent.indexOf('\\') < 0) return sent
    val out = StringBuilder(sent.length)
    var i = 0
    while (i < sent.length) {
        val c = sent[i]
        when {
            c != '\\' -> { out.append(c); i++ }
            sent.startsWith("\\\\", i) -> { out.append('\\'); i += 2 }
            else -> { out.append(sent.substring(i + 2, i + 6).toInt(16).toChar()); i += 6 }
        }
    }
    return out.toString()
}
