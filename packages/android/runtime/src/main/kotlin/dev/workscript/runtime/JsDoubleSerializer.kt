package dev.workscript.runtime

import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.JsonUnquotedLiteral
import java.math.BigDecimal
import java.math.MathContext
import java.math.RoundingMode

/**
 * Writes a `Double` in JSON exactly as JavaScript's `JSON.stringify` does, so the JSON text a worker's nested
 * values are stored as in WorkManager Data is byte-identical on Android and on Node (kotlinx.serialization
 * writes `1.0` where JavaScript writes `1`).
 *
 * - the shortest decimal that reads back as the same `Double` (`0.1`, `123456789.125`), as `Number.prototype.toString`;
 * - integral values without a fraction (`1`, `-42`), and `-0.0` as `0`;
 * - exponent form below 1e-6 and from 1e21 on, with an explicit sign (`1e-7`, `1e+21`, `1.5e+300`);
 * - NaN and ±Infinity, which JSON cannot hold, as `null` (what `JSON.stringify` writes); reading `null` into a
 *   `Double` gives NaN, the one value that says "not a number" (both infinities read back as NaN, as a
 *   TypeScript worker reading the same JSON sees `null`, not a number).
 *
 * Reading accepts any JSON number (`1`, `1.0`, `1e+21`). With a format other than JSON it falls back to the
 * encoder's and decoder's own `Double`. Generated code applies it to every `Double` with
 * `@file:UseSerializers(JsDoubleSerializer::class)` (and `ListSerializer(JsDoubleSerializer)` where a list is
 * encoded on its own).
 */
public object JsDoubleSerializer : KSerializer<Double> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("dev.workscript.runtime.JsDouble", PrimitiveKind.DOUBLE)

    @OptIn(ExperimentalSerializationApi::class)
    override fun serialize(encoder: Encoder, value: Double) {
        if (encoder !is JsonEncoder) return encoder.encodeDouble(value)
        encoder.encodeJsonElement(if (value.isFinite()) JsonUnquotedLiteral(format(value)) else JsonNull)
    }

    override fun deserialize(decoder: Decoder): Double {
        if (decoder !is JsonDecoder) return decoder.decodeDouble()
        val element = decoder.decodeJsonElement()
        if (element is JsonNull) return Double.NaN
        val primitive = element as? JsonPrimitive
        return primitive?.takeIf { !it.isString }?.content?.toDoubleOrNull()
            ?: throw SerializationException("Expected a JSON number for a Double, got: $element")
    }

    /**
     * [value] as JavaScript's `String(value)` writes a finite number (ECMAScript Number::toString, radix 10):
     * `1`, `0.1`, `1e+21`, `1e-7`, `0` for `-0.0`. NaN and infinities give `NaN`, `Infinity`, `-Infinity`, as
     * in JavaScript; JSON writers must write `null` for them instead (as [serialize] does).
     */
    public fun format(value: Double): String {
        if (value.isNaN()) return "NaN"
        if (value.isInfinite()) return if (value > 0) "Infinity" else "-Infinity"
        if (value == 0.0) return "0" // also -0.0, as in JavaScript
        // Integral and exactly representable as a Long below 1e21: the digits are the integer's (fast path).
        if (value == Math.rint(value) && Math.abs(value) < 9.007199254740992E15) return value.toLong().toString()
        val sign = if (value < 0) "-" else ""
        val digits = shortestDigits(Math.abs(value))
        return sign + layout(digits.unscaledValue().toString(), digits.unscaledValue().toString().length - digits.scale())
    }

    /**
     * The shortest decimal that reads back as [x] (x > 0, finite); among the shortest, the nearest to [x].
     * For each precision, both neighbours of [x] at that precision are tried, because the interval of decimals
     * that read back as [x] is not symmetric at powers of two: the nearest may miss while the other hits.
     */
    private fun shortestDigits(x: Double): BigDecimal {
        val exact = BigDecimal(x)
        for (precision in 1..17) {
            val down = exact.round(MathContext(precision, RoundingMode.FLOOR))
            val up = exact.round(MathContext(precision, RoundingMode.CEILING))
            val downHits = down.toDouble() == x
            val upHits = up.toDouble() == x
            val pick = when {
                downHits && upHits -> {
                    val c = exact.subtract(down).compareTo(up.subtract(exact))
                    if (c < 0) down else if (c > 0) up else exact.round(MathContext(precision, RoundingMode.HALF_EVEN))
                }
                downHits -> down
                upHits -> up
                else -> null
            }
            if (pick != null) return pick.stripTrailingZeros()
        }
        // 17 significant digits always read back as the same double; not reached.
        return exact.round(MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros()
    }

    /**
     * Number::toString's layout of digits [s] (k of them, no trailing zeros) times 10^(n−k): plain up to 21
     * integer digits, `0.000…` down to 1e-6, exponent form otherwise.
     */
    private fun layout(s: String, n: Int): String {
        val k = s.length
        return when {
            n in k..21 -> s + "0".repeat(n - k)
            n in 1..21 -> s.substring(0, n) + "." + s.substring(n)
            n in -5..0 -> "0." + "0".repeat(-n) + s
            else -> {
                val e = n - 1
                val exponent = if (e >= 0) "e+$e" else "e$e"
                (if (k == 1) s else s[0] + "." + s.substring(1)) + exponent
            }
        }
    }
}
