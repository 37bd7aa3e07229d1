package dev.workscript.it

import androidx.work.ListenableWorker.Result
import dev.workscript.it.generated.CountWithExtraArgumentInput
import dev.workscript.it.generated.CountWithExtraArgumentWorker
import dev.workscript.it.generated.Gallery
import dev.workscript.it.generated.GallerySavePhoto
import dev.workscript.it.generated.GallerySaveResult
import dev.workscript.it.generated.PhotoMeta
import dev.workscript.it.generated.SavePhotoInput
import dev.workscript.it.generated.SavePhotoOutput
import dev.workscript.it.generated.SaveMalformedPhotoInput
import dev.workscript.it.generated.SaveMalformedPhotoWorker
import dev.workscript.it.generated.SavePhotoWorker
import dev.workscript.it.generated.register
import dev.workscript.runtime.WorkscriptNatives
import dev.workscript.runtime.WorkscriptRuntime
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.util.Collections

/**
 * A native service end to end (packages/android/generated-it/workers-it/native.ts): the generated `Gallery`
 * interface is implemented here, registered with the generated `WorkscriptNatives.register(gallery)`, and
 * called by the generated workers running on real QuickJS through the bridge (`native.Gallery.<method>`).
 */
class NativeServiceTest {
    private val logger = RecordingLogger()
    private val assets = dirProperty("workscript.itAssets")

    /** Records every call with its decoded arguments, as the app's implementation would receive them. */
    private class RecordingGallery : Gallery {
        val calls: MutableList<String> = Collections.synchronizedList(mutableListOf())
        val saved: MutableList<Pair<GallerySavePhoto, String>> = Collections.synchronizedList(mutableListOf())

        override suspend fun save(photo: GallerySavePhoto, album: String): GallerySaveResult {
            calls += "save"
            saved += photo to album
            return GallerySaveResult(id = "$album/${photo.uri.substringAfterLast('/')}", index = 7, meta = photo.meta ?: PhotoMeta(0, 0))
        }

        override suspend fun count(): Int {
            calls += "count"
            return saved.size
        }

        override suspend fun clear() {
            calls += "clear"
        }
    }

    private fun runtime(natives: WorkscriptNatives) =
        install(runtimeFromAssets(assets, WorkscriptRuntime.Config(natives = natives, logger = logger)))

    @Test
    fun `the worker calls the Kotlin implementation with typed arguments and gets typed results back`() {
        val gallery = RecordingGallery()
        runtime(WorkscriptNatives().register(gallery))
        val bytes = 9_007_199_254_740_000L // beyond Int, within JavaScript's safe integers
        val result = Attempt(SavePhotoInput(uri = "file:///dcim/IMG_1.jpg", bytes = bytes, album = "Holidays").toData()).run(::SavePhotoWorker)

        assertTrue(result is Result.Success, "$result ${logger.snapshot()}")
        assertEquals(SavePhotoOutput(id = "Holidays/IMG_1.jpg", index = 7, width = 4032, count = 1), SavePhotoOutput.fromData(result.outputData))
        assertEquals(listOf("save", "clear", "count"), gallery.calls)
        // Exactly what the worker passed: nested object, Long, array, enum, optional object present, optional string absent.
        assertEquals(
            listOf(
                GallerySavePhoto(
                    uri = "file:///dcim/IMG_1.jpg",
                    bytes = bytes,
                    tags = listOf("beach", "sunset"),
                    kind = GallerySavePhoto.Kind.JPEG,
                    meta = PhotoMeta(width = 4032, height = 3024),
                    note = null,
                ) to "Holidays",
            ),
            gallery.saved,
        )
    }

    @Test
    fun `an implementation that throws fails the work with its message`() {
        val failing = object : Gallery by RecordingGallery() {
            override suspend fun save(photo: GallerySavePhoto, album: String): GallerySaveResult =
                throw IllegalStateException("album '$album' is read-only")
        }
        runtime(WorkscriptNatives().register(failing))
        val result = Attempt(SavePhotoInput(uri = "u", bytes = 1, album = "Shared").toData()).run(::SavePhotoWorker)

        assertEquals(Result.failure(), result)
        val failure = logger.snapshot().single { it.startsWith("error Worker 'SavePhoto' failed:") }
        assertTrue(failure.contains("IllegalStateException: album 'Shared' is read-only"), failure)
    }

    @Test
    fun `a service that is not registered fails the work naming the missing method`() {
        runtime(WorkscriptNatives())
        val result = Attempt(SavePhotoInput(uri = "u", bytes = 1, album = "a").toData()).run(::SavePhotoWorker)

        assertEquals(Result.failure(), result)
        val failure = logger.snapshot().single { it.startsWith("error Worker 'SavePhoto' failed:") }
        assertTrue(failure.contains("No native service method 'Gallery.save' is registered"), failure)
    }

    @Test
    fun `a call with the wrong number of arguments fails with the method and its parameters`() {
        val gallery = RecordingGallery()
        runtime(WorkscriptNatives().register(gallery))
        val result = Attempt(CountWithExtraArgumentInput(attempt = 1).toData()).run(::CountWithExtraArgumentWorker)

        assertEquals(Result.failure(), result)
        val failure = logger.snapshot().single { it.startsWith("error Worker 'CountWithExtraArgument' failed:") }
        assertTrue(failure.contains("Native method 'Gallery.count' takes 0 argument(s) () but was called with 1"), failure)
        assertEquals(emptyList<String>(), gallery.calls)
    }

    @Test
    fun `arguments that do not match the Kotlin types fail with the parameter's name`() {
        val gallery = RecordingGallery()
        runtime(WorkscriptNatives().register(gallery))
        val result = Attempt(SaveMalformedPhotoInput(attempt = 1).toData()).run(::SaveMalformedPhotoWorker)

        assertEquals(Result.failure(), result)
        val failure = logger.snapshot().single { it.startsWith("error Worker 'SaveMalformedPhoto' failed:") }
        assertTrue(failure.contains("Argument 'photo' of native method 'Gallery.save' does not match its Kotlin type"), failure)
        assertEquals(emptyList<String>(), gallery.calls)
    }
}
