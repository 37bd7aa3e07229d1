package dev.workscript.runtime

import java.io.ByteArrayOutputStream
import java.io.DataOutputStream
import java.io.File
import java.io.FileOutputStream
import java.io.IOException
import java.nio.ByteBuffer
import java.nio.file.AtomicMoveNotSupportedException
import java.nio.file.Files
import java.nio.file.StandardCopyOption
import java.security.MessageDigest
import java.util.zip.CRC32

/**
 * One bundle's compiled bytecode on disk, in [dir]: `<bundleName>-<sha256 of the bundle>.qjsbc`.
 *
 * QuickJS bytecode is only valid for the engine build that wrote it and is not checked when read (a foreign or
 * damaged file could crash the engine), so the file carries its own proof of origin:
 *
 * ```
 * "WSQJSBC1"                      8 bytes, format magic
 * key length, key (UTF-8)         int32 + bytes: bundle SHA-256, QuickJS version, quickjs-kt version, CPU arch
 * payload length, payload CRC32   int32 + int64
 * payload                         the bytecode from QuickJs.compile
 * ```
 *
 * [read] returns the payload only when the magic, the whole key, the length (no more, no fewer bytes) and the
 * CRC32 match; anything else is rejected and later replaced by [write], which writes a temp file and renames
 * it over the old one, so readers never see a torn file.
 */
internal class BytecodeCacheFile(
    private val dir: File,
    bundleName: String,
    private val bundleSha256: String,
    private val quickJsVersion: String,
) {
    /** Everything that makes bytecode valid for this process; a mismatch in any part rejects the file. */
    val key: String = "sha256=$bundleSha256;quickjs=$quickJsVersion;quickjs-kt=$QUICKJS_KT_VERSION;arch=${System.getProperty("os.arch")}"

    private val prefix = bundleName.replace(UNSAFE_NAME_CHARS, "_") + "-"

    val file: File = File(dir, "$prefix$bundleSha256$SUFFIX")

    /** What [read] found. */
    sealed class Read {
        object Missing : Read()
        class Hit(val bytecode: ByteArray) : Read()
        class Rejected(val reason: String) : Read()
    }

    fun read(): Read {
        val bytes = try {
            if (!file.isFile) return Read.Missing
            file.readBytes()
        } catch (e: IOException) {
            return Read.Rejected("unreadable: ${e.message}")
        }
        val buf = ByteBuffer.wrap(bytes)
        if (bytes.size < MAGIC.size + 4 || !bytes.copyOfRange(0, MAGIC.size).contentEquals(MAGIC)) return Read.Rejected("not a Workscript bytecode cache file")
        buf.position(MAGIC.size)
        val keyLength = buf.int
        if (keyLength < 0 || keyLength > buf.remaining()) return Read.Rejected("truncated key")
        val keyBytes = ByteArray(keyLength).also { buf.get(it) }
        val fileKey = keyBytes.toString(Charsets.UTF_8)
        if (fileKey != key) return Read.Rejected("written for $fileKey, this process needs $key")
        if (buf.remaining() < 12) return Read.Rejected("truncated header")
        val length = buf.int
        val crc = buf.long
        if (length != buf.remaining()) return Read.Rejected("payload is ${buf.remaining()} bytes, header says $length")
        val payload = ByteArray(length).also { buf.get(it) }
        if (crc32(payload) != crc) return Read.Rejected("checksum mismatch")
        return Read.Hit(payload)
    }

    /** Writes [bytecode] atomically (temp file + rename) and deletes this bundle name's files of other bundles. */
    fun write(bytecode: ByteArray) {
        dir.mkdirs()
        val out = ByteArrayOutputStream(bytecode.size + 256)
        DataOutputStream(out).use { data ->
            data.write(MAGIC)
            val keyBytes = key.toByteArray(Charsets.UTF_8)
            data.writeInt(keyBytes.size)
            data.write(keyBytes)
            data.writeInt(bytecode.size)
            data.writeLong(crc32(bytecode))
            data.write(bytecode)
        }
        val tmp = File.createTempFile(file.name, ".tmp", dir)
        try {
            FileOutputStream(tmp).use { stream ->
                out.writeTo(stream)
                stream.fd.sync() // the rename must not become durable before the content
            }
            try {
                Files.move(tmp.toPath(), file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING)
            } catch (e: AtomicMoveNotSupportedException) {
                Files.move(tmp.toPath(), file.toPath(), StandardCopyOption.REPLACE_EXISTING)
            }
        } finally {
            tmp.delete()
        }
        // A new bundle version leaves the previous one's file behind; only the current one is ever read again.
        dir.listFiles { f -> f.name.startsWith(prefix) && f.name.endsWith(SUFFIX) && f.name != file.name }?.forEach { it.delete() }
    }

    companion object {
        /** The quickjs-kt release this runtime is built against (also in the cache key); the tests check it against the classpath. */
        const val QUICKJS_KT_VERSION: String = "1.0.14"

        private val MAGIC = "WSQJSBC1".toByteArray(Charsets.US_ASCII)
        private val UNSAFE_NAME_CHARS = Regex("[^A-Za-z0-9._-]")
        private const val HEX = "0123456789abcdef"
        private const val SUFFIX = ".qjsbc"

        fun sha256Hex(text: String): String {
            val digest = MessageDigest.getInstance("SHA-256").digest(text.toByteArray(Charsets.UTF_8))
            val hex = StringBuilder(digest.size * 2)
            for (b in digest) hex.append(HEX[(b.toInt() shr 4) and 0xf]).append(HEX[b.toInt() and 0xf])
            return hex.toString()
        }

        private fun crc32(bytes: ByteArray): Long = CRC32().apply { update(bytes) }.value
    }
}
