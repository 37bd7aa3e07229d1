package dev.workscript.runtime

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject

/**
 * A Source Map v3 (`workers.js.map`, written by esbuild beside the bundle) reduced to what stack mapping needs:
 * for each generated line, the segments `(generated column, source, original line, original column)`.
 *
 * Written here rather than taken from a library because the JVM and Android runtime must stay dependency-light
 * and the format needs only a Base64-VLQ decoder (about 30 lines). Names (`names`, the 5th field) are ignored.
 *
 * Lines and columns in the public API are 1-based, like QuickJS stack frames and `.ts` diagnostics.
 */
public class WorkscriptSourceMap private constructor(
    /** `sources`, as written (the codegen makes them relative to the project root, e.g. `workers/sync.ts`). */
    public val sources: List<String>,
    /** Per generated line (0-based), segments flattened as [genCol, srcIdx, srcLine, srcCol] quadruples (0-based). */
    private val lines: List<IntArray>,
) {
    /** An original position: [source] as in the map, 1-based [line] and [column]. */
    public data class Position(val source: String, val line: Int, val column: Int) {
        override fun toString(): String = "$source:$line:$column"
    }

    /**
     * The original position of generated [line]:[column] (1-based), or null when the map has nothing there.
     * Without a column (QuickJS sometimes prints only a line), the line's first mapped segment is used.
     */
    public fun originalPosition(line: Int, column: Int?): Position? {
        val segs = lines.getOrNull(line - 1) ?: return null
        if (segs.isEmpty()) return null
        var best = 0
        if (column != null) {
            // QuickJS columns are 1-based; map columns are 0-based. Take the last segment starting at or before it.
            var i = 0
            while (i < segs.size && segs[i] <= column - 1) {
                best = i
                i += 4
            }
        }
        return Position(sources[segs[best + 1]], segs[best + 2] + 1, segs[best + 3] + 1)
    }

    /**
     * Rewrites every `<bundleName>:line[:column]` in [stack] to its `.ts` position, keeping frames it cannot map.
     * QuickJS frames look like `    at run (workers.js:120:13)`.
     */
    public fun mapStack(stack: String, bundleName: String): String {
        if (stack.isEmpty()) return stack
        val pattern = Regex(Regex.escape(bundleName) + """:(\d+)(?::(\d+))?""")
        return pattern.replace(stack) { m ->
            val pos = originalPosition(m.groupValues[1].toInt(), m.groupValues[2].takeIf { it.isNotEmpty() }?.toInt())
            pos?.toString() ?: m.value
        }
    }

    /** Parsing. */
    public companion object {
        private const val BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        private val DIGITS = IntArray(128) { -1 }.also { t -> BASE64.forEachIndexed { i, c -> t[c.code] = i } }

        /**
         * Parses a Source Map v3 JSON document.
         * @throws IllegalArgumentException when it is not a v3 map or its `mappings` are malformed.
         */
        public fun parse(json: String): WorkscriptSourceMap {
            val obj = try {
                Json.parseToJsonElement(json).jsonObject
            } catch (e: Exception) {
                throw IllegalArgumentException("The source map is not a JSON object: ${e.message}", e)
            }
            require((obj["version"] as? JsonPrimitive)?.content == "3") { "Only Source Map v3 is supported, got version ${obj["version"]}" }
            val root = (obj["sourceRoot"] as? JsonPrimitive)?.takeIf { it.isString }?.content.orEmpty()
            val sources = (obj["sources"] as? JsonArray ?: JsonArray(emptyList())).map { s ->
                root + ((s as? JsonPrimitive)?.content ?: "")
            }
            val mappings = (obj["mappings"] as? JsonPrimitive)?.content ?: ""
            return WorkscriptSourceMap(sources, decode(mappings, sources.size))
        }

        /** Decodes `mappings`: `;` separates generated lines, `,` segments; fields are deltas in Base64 VLQ. */
        private fun decode(mappings: String, sourceCount: Int): List<IntArray> {
            val out = ArrayList<IntArray>()
            var src = 0
            var srcLine = 0
            var srcCol = 0
            var pos = 0
            val n = mappings.length
            val line = ArrayList<Int>()
            val fields = IntArray(5)
            var genCol = 0
            while (pos <= n) {
                if (pos == n || mappings[pos] == ';') {
                    out += line.toIntArray()
                    line.clear()
                    genCol = 0
                    pos++
                    if (pos > n) break
                    continue
                }
                // One segment; the generated column is relative to the previous segment and resets per line.
                var count = 0
                while (pos < n && mappings[pos] != ',' && mappings[pos] != ';') {
                    var value = 0
                    var shift = 0
                    while (true) {
                        require(pos < n) { "Truncated VLQ in source map mappings" }
                        val c = mappings[pos++]
                        val d = if (c.code < 128) DIGITS[c.code] else -1
                        require(d >= 0) { "Invalid Base64 character '$c' in source map mappings" }
                        value += (d and 31) shl shift
                        shift += 5
                        if (d and 32 == 0) break
                    }
                    require(count < 5) { "A source map segment has more than 5 fields" }
                    fields[count++] = if (value and 1 == 1) -(value ushr 1) else value ushr 1
                }
                if (pos < n && mappings[pos] == ',') pos++
                if (count == 0) continue
                genCol += fields[0]
                if (count >= 4) {
                    src += fields[1]
                    srcLine += fields[2]
                    srcCol += fields[3]
                    if (src in 0 until sourceCount) {
                        line += genCol; line += src; line += srcLine; line += srcCol
                    }
                }
            }
            return out
        }
    }
}
