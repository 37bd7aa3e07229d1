// STAND-IN, NEVER SHIPPED. A compile-only substitute for androidx.work.Data so the JVM build (Maven,
// dev.workscript:work-stubs) can compile and run generated workers without Google's Maven repository.
// Signatures follow androidx's work/work-runtime/api/current.txt. Behaviour is real where JVM tests need it:
// the typed map, equality, and the serialized form V1 (toByteArray/fromByteArray) with its 10,240-byte limit.
@file:JvmName("DataKt")

package androidx.work

import java.io.ByteArrayInputStream
import java.io.ByteArrayOutputStream
import java.io.DataInputStream
import java.io.DataOutputStream
import java.io.IOException

/** Stand-in for `androidx.work.Data` (never shipped): an immutable typed key-value map. */
public class Data {
    private val values: Map<String, Any?>

    internal constructor(values: Map<String, Any?>) {
        this.values = LinkedHashMap(values)
    }

    /** Copies [other]. */
    public constructor(other: Data) {
        values = LinkedHashMap(other.values)
    }

    /** Value of [key] if it is a Boolean, else [defaultValue]. */
    public fun getBoolean(key: String, defaultValue: Boolean): Boolean = values[key] as? Boolean ?: defaultValue
    /** Value of [key] if it is a boolean array, else null. */
    public fun getBooleanArray(key: String): BooleanArray? = (values[key] as? Array<*>)?.takeIf { it.isArrayOf<Boolean>() }?.let { a -> BooleanArray(a.size) { a[it] as Boolean } }
    /** Value of [key] if it is a Byte, else [defaultValue]. */
    public fun getByte(key: String, defaultValue: Byte): Byte = values[key] as? Byte ?: defaultValue
    /** Value of [key] if it is a byte array, else null. */
    public fun getByteArray(key: String): ByteArray? = (values[key] as? Array<*>)?.takeIf { it.isArrayOf<Byte>() }?.let { a -> ByteArray(a.size) { a[it] as Byte } }
    /** Value of [key] if it is a Double, else [defaultValue]. */
    public fun getDouble(key: String, defaultValue: Double): Double = values[key] as? Double ?: defaultValue
    /** Value of [key] if it is a double array, else null. */
    public fun getDoubleArray(key: String): DoubleArray? = (values[key] as? Array<*>)?.takeIf { it.isArrayOf<Double>() }?.let { a -> DoubleArray(a.size) { a[it] as Double } }
    /** Value of [key] if it is a Float, else [defaultValue]. */
    public fun getFloat(key: String, defaultValue: Float): Float = values[key] as? Float ?: defaultValue
    /** Value of [key] if it is a float array, else null. */
    public fun getFloatArray(key: String): FloatArray? = (values[key] as? Array<*>)?.takeIf { it.isArrayOf<Float>() }?.let { a -> FloatArray(a.size) { a[it] as Float } }
    /** Value of [key] if it is an Int, else [defaultValue]. */
    public fun getInt(key: String, defaultValue: Int): Int = values[key] as? Int ?: defaultValue
    /** Value of [key] if it is an int array, else null. */
    public fun getIntArray(key: String): IntArray? = (values[key] as? Array<*>)?.takeIf { it.isArrayOf<Int>() }?.let { a -> IntArray(a.size) { a[it] as Int } }
    /** All entries; primitive arrays appear boxed (`Array<Int>` and so on), as in androidx. */
    public val keyValueMap: Map<String, Any?> get() = java.util.Collections.unmodifiableMap(values)
    /** Value of [key] if it is a Long, else [defaultValue]. */
    public fun getLong(key: String, defaultValue: Long): Long = values[key] as? Long ?: defaultValue
    /** Value of [key] if it is a long array, else null. */
    public fun getLongArray(key: String): LongArray? = (values[key] as? Array<*>)?.takeIf { it.isArrayOf<Long>() }?.let { a -> LongArray(a.size) { a[it] as Long } }
    /** Value of [key] if it is a String, else null. */
    public fun getString(key: String): String? = values[key] as? String
    /**
     * Value of [key] if it is a String array, else null. androidx declares the elements non-null and, for an array
     * put with null elements, throws NullPointerException here (checked against work-runtime 2.10.0 and 2.11.2).
     */
    public fun getStringArray(key: String): Array<String>? = (values[key] as? Array<*>)?.takeIf { it.isArrayOf<String>() }?.let { a -> Array(a.size) { a[it] as String } }
    /** True when [key] holds a non-null value assignable to [klass]. */
    public fun <T> hasKeyWithValueOfType(key: String, klass: Class<T>): Boolean {
        val v = values[key] ?: return false
        return klass.isAssignableFrom(v.javaClass)
    }
    /** Number of entries (androidx exposes this as a restricted `size()`). */
    public fun size(): Int = values.size

    /**
     * Serialized form V1: magic 0xABEF, version 1, entry count, then per entry a type byte, the value and the
     * key (writeUTF). Returns an empty array when a string is too long for writeUTF, as androidx does.
     */
    public fun toByteArray(): ByteArray = toByteArrayInternalV1(values)

    override fun equals(other: Any?): Boolean {
        if (this === other) return true
        if (other !is Data || other.values.keys != values.keys) return false
        return values.all { (k, v) ->
            val o = other.values[k]
            if (v is Array<*> && o is Array<*>) v.contentDeepEquals(o) else v == o
        }
    }

    override fun hashCode(): Int = values.entries.sumOf { (k, v) -> k.hashCode() xor (if (v is Array<*>) v.contentDeepHashCode() else v.hashCode()) }

    override fun toString(): String = buildString {
        append("Data {")
        values.entries.forEachIndexed { i, (k, v) ->
            if (i > 0) append(", ")
            append(k).append(" : ").append(if (v is Array<*>) v.contentToString() else v.toString())
        }
        append("}")
    }

    /** Stand-in for `androidx.work.Data.Builder` (never shipped). */
    public class Builder {
        private val values = LinkedHashMap<String, Any?>()

        /** Builds the Data. @throws IllegalStateException past [MAX_DATA_BYTES] when serialized, as androidx. */
        public fun build(): Data {
            val data = Data(values)
            val size = data.toByteArray().size
            check(size <= MAX_DATA_BYTES) { "Data cannot occupy more than $MAX_DATA_BYTES bytes when serialized" }
            return data
        }
        /** Copies all entries of [data]. */
        public fun putAll(data: Data): Builder = apply { putAll(data.values) }
        /** Copies all entries of [values]; each must be a supported type. */
        public fun putAll(values: Map<String, Any?>): Builder = apply { values.forEach { (k, v) -> put(k, v) } }
        /** Puts a Boolean. */
        public fun putBoolean(key: String, value: Boolean): Builder = apply { values[key] = value }
        /** Puts a boolean array (stored boxed). */
        public fun putBooleanArray(key: String, value: BooleanArray): Builder = apply { values[key] = value.toTypedArray() }
        /** Puts a Byte. */
        public fun putByte(key: String, value: Byte): Builder = apply { values[key] = value }
        /** Puts a byte array (stored boxed). */
        public fun putByteArray(key: String, value: ByteArray): Builder = apply { values[key] = value.toTypedArray() }
        /** Puts a Double. */
        public fun putDouble(key: String, value: Double): Builder = apply { values[key] = value }
        /** Puts a double array (stored boxed). */
        public fun putDoubleArray(key: String, value: DoubleArray): Builder = apply { values[key] = value.toTypedArray() }
        /** Puts a Float. */
        public fun putFloat(key: String, value: Float): Builder = apply { values[key] = value }
        /** Puts a float array (stored boxed). */
        public fun putFloatArray(key: String, value: FloatArray): Builder = apply { values[key] = value.toTypedArray() }
        /** Puts an Int. */
        public fun putInt(key: String, value: Int): Builder = apply { values[key] = value }
        /** Puts an int array (stored boxed). */
        public fun putIntArray(key: String, value: IntArray): Builder = apply { values[key] = value.toTypedArray() }
        /** Puts a Long. */
        public fun putLong(key: String, value: Long): Builder = apply { values[key] = value }
        /** Puts a long array (stored boxed). */
        public fun putLongArray(key: String, value: LongArray): Builder = apply { values[key] = value.toTypedArray() }
        /** Puts a String (null allowed). */
        public fun putString(key: String, value: String?): Builder = apply { values[key] = value }
        /** Puts a String array (null elements allowed). */
        public fun putStringArray(key: String, value: Array<String?>): Builder = apply { values[key] = value.copyOf() }

        /** Puts any supported value (androidx's restricted `put`). @throws IllegalArgumentException otherwise. */
        public fun put(key: String, value: Any?): Builder = apply {
            values[key] = when (value) {
                null, is Boolean, is Byte, is Int, is Long, is Float, is Double, is String -> value
                is BooleanArray -> value.toTypedArray()
                is ByteArray -> value.toTypedArray()
                is IntArray -> value.toTypedArray()
                is LongArray -> value.toTypedArray()
                is FloatArray -> value.toTypedArray()
                is DoubleArray -> value.toTypedArray()
                is Array<*> -> {
                    val ok = value.isArrayOf<Boolean>() || value.isArrayOf<Byte>() || value.isArrayOf<Int>() ||
                        value.isArrayOf<Long>() || value.isArrayOf<Float>() || value.isArrayOf<Double>() ||
                        value.isArrayOf<String>()
                    require(ok) { "Key $key has invalid type ${value.javaClass}" }
                    value.copyOf()
                }
                else -> throw IllegalArgumentException("Key $key has invalid type ${value.javaClass}")
            }
        }
    }

    public companion object {
        /** The empty Data. */
        @JvmField public val EMPTY: Data = Builder().build()

        /** The most bytes a Data may occupy when serialized (10,240). */
        public const val MAX_DATA_BYTES: Int = 10240

        /** Parses the serialized form V1. @throws IllegalStateException past [MAX_DATA_BYTES]. */
        @JvmStatic
        public fun fromByteArray(bytes: ByteArray): Data {
            check(bytes.size <= MAX_DATA_BYTES) { "Data cannot occupy more than $MAX_DATA_BYTES bytes when serialized" }
            if (bytes.isEmpty()) return EMPTY
            val input = DataInputStream(ByteArrayInputStream(bytes))
            check(input.readShort() == STREAM_MAGIC && input.readShort() == STREAM_VERSION.toShort()) {
                "The stand-in Data reads format V1 only"
            }
            val map = LinkedHashMap<String, Any?>()
            repeat(input.readInt()) {
                val type = input.readByte().toInt()
                val value: Any? = when (type) {
                    TYPE_NULL -> null
                    in 1..7 -> readScalar(input, type)
                    in 8..14 -> Array(input.readInt()) { readScalar(input, type - 7).let { v -> if (type == 14 && v == NULL_STRING_V1) null else v } }.let { typed(it, type - 7) }
                    else -> throw IllegalStateException("Unknown Data type $type")
                }
                map[input.readUTF()] = value
            }
            return Data(map)
        }

        private const val STREAM_MAGIC: Short = 0xABEF.toShort()
        private const val STREAM_VERSION = 1
        private const val TYPE_NULL = 0
        private const val NULL_STRING_V1 = "androidx.work.Data-95ed6082-b8e9-46e8-a73f-ff56f00f5d9d"

        private fun readScalar(input: DataInputStream, type: Int): Any = when (type) {
            1 -> input.readBoolean()
            2 -> input.readByte()
            3 -> input.readInt()
            4 -> input.readLong()
            5 -> input.readFloat()
            6 -> input.readDouble()
            7 -> input.readUTF()
            else -> throw IllegalStateException("Unknown Data type $type")
        }

        @Suppress("UNCHECKED_CAST")
        private fun typed(a: Array<Any?>, scalarType: Int): Array<*> = when (scalarType) {
            1 -> Array(a.size) { a[it] as Boolean }
            2 -> Array(a.size) { a[it] as Byte }
            3 -> Array(a.size) { a[it] as Int }
            4 -> Array(a.size) { a[it] as Long }
            5 -> Array(a.size) { a[it] as Float }
            6 -> Array(a.size) { a[it] as Double }
            else -> Array(a.size) { a[it] as String? }
        }

        private fun scalarTag(v: Any): Int = when (v) {
            is Boolean -> 1
            is Byte -> 2
            is Int -> 3
            is Long -> 4
            is Float -> 5
            is Double -> 6
            is String -> 7
            else -> throw IllegalArgumentException("Unsupported Data value ${v.javaClass}")
        }

        private fun writeScalar(out: DataOutputStream, v: Any) {
            when (v) {
                is Boolean -> out.writeBoolean(v)
                is Byte -> out.writeByte(v.toInt())
                is Int -> out.writeInt(v)
                is Long -> out.writeLong(v)
                is Float -> out.writeFloat(v)
                is Double -> out.writeDouble(v)
                is String -> out.writeUTF(v)
            }
        }

        internal fun toByteArrayInternalV1(values: Map<String, Any?>): ByteArray {
            val bytes = ByteArrayOutputStream()
            try {
                DataOutputStream(bytes).use { out ->
                    out.writeShort(STREAM_MAGIC.toInt())
                    out.writeShort(STREAM_VERSION)
                    out.writeInt(values.size)
                    for ((key, v) in values) {
                        when (v) {
                            null -> out.writeByte(TYPE_NULL)
                            is Array<*> -> {
                                val tag = when {
                                    v.isArrayOf<Boolean>() -> 1
                                    v.isArrayOf<Byte>() -> 2
                                    v.isArrayOf<Int>() -> 3
                                    v.isArrayOf<Long>() -> 4
                                    v.isArrayOf<Float>() -> 5
                                    v.isArrayOf<Double>() -> 6
                                    else -> 7
                                }
                                out.writeByte(tag + 7)
                                out.writeInt(v.size)
                                for (e in v) writeScalar(out, e ?: NULL_STRING_V1)
                            }
                            else -> {
                                out.writeByte(scalarTag(v))
                                writeScalar(out, v)
                            }
                        }
                        out.writeUTF(key)
                    }
                }
            } catch (e: IOException) {
                return ByteArray(0) // androidx logs and returns an empty array (e.g. a string over 65,535 bytes)
            }
            return bytes.toByteArray()
        }
    }
}

/** Stand-in for androidx.work's `workDataOf` (never shipped): Data from pairs; the last duplicate wins. */
public fun workDataOf(vararg pairs: Pair<String, Any?>): Data {
    val builder = Data.Builder()
    for ((k, v) in pairs) builder.put(k, v)
    return builder.build()
}

/** Stand-in for androidx.work's reified `hasKeyWithValueOfType` (never shipped). */
public inline fun <reified T : Any> Data.hasKeyWithValueOfType(key: String): Boolean = hasKeyWithValueOfType(key, T::class.javaObjectType)
