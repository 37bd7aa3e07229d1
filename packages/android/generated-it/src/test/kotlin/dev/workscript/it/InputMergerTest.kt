package dev.workscript.it

import androidx.work.Data
import androidx.work.InputMerger
import androidx.work.ListenableWorker.Result
import androidx.work.OverwritingInputMerger
import dev.workscript.it.generated.CountTotalInput
import dev.workscript.it.generated.CountTotalOutput
import dev.workscript.it.generated.CountTotalRequests
import dev.workscript.it.generated.CountTotalWorker
import dev.workscript.it.generated.SumCountsInputMerger
import dev.workscript.runtime.WorkscriptInputMergeException
import dev.workscript.runtime.WorkscriptRuntime
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * A TypeScript input merger in generated code (workers-it/mergers.ts): CountTotal's request factory sets the
 * generated SumCountsInputMerger because the definition's default names it; WorkManager would create that class
 * by name and call merge, which runs the TypeScript merge in the bundle on real QuickJS; the merged Data is the
 * worker's input. A merge that throws throws, so WorkManager fails the work.
 */
class InputMergerTest {
    private val logger = RecordingLogger()

    private fun count(n: Int): Data = Data.Builder().putInt("count", n).build()

    @Test
    fun `the one-time factory sets the merger class of the definition's default, and configure may replace it`() {
        val request = CountTotalRequests.oneTime(CountTotalInput(count = 1, inputs = 1))
        assertEquals(SumCountsInputMerger::class.java.name, request.workSpec.inputMergerClassName)
        val replaced = CountTotalRequests.oneTime(CountTotalInput(count = 1, inputs = 1)) {
            setInputMerger(OverwritingInputMerger::class.java)
        }
        assertEquals(OverwritingInputMerger::class.java.name, replaced.workSpec.inputMergerClassName)
    }

    @Test
    fun `WorkManager's merge runs the TypeScript merger, and the merged Data is the worker's input`() {
        install(runtimeFromAssets(dirProperty("workscript.itAssets"), WorkscriptRuntime.Config(logger = logger)))
        // As WorkManager does: a new instance of the class named by the WorkSpec, then merge(own input + outputs).
        val request = CountTotalRequests.oneTime(CountTotalInput(count = 1, inputs = 0))
        val merger = Class.forName(request.workSpec.inputMergerClassName).getDeclaredConstructor().newInstance() as InputMerger
        val merged = merger.merge(listOf(request.workSpec.input, count(40), Data.Builder().putInt("count", 1).putString("note", "x").build()))
        assertEquals(Data.Builder().putInt("count", 42).putInt("inputs", 3).build(), merged)

        val result = Attempt(merged).run(::CountTotalWorker)
        assertTrue(result is Result.Success, "$result ${logger.snapshot()}")
        assertEquals(CountTotalOutput(total = 42, inputs = 3), CountTotalOutput.fromData(result.outputData))
    }

    @Test
    fun `a merge that throws throws the guest's error, so the work fails without running`() {
        install(runtimeFromAssets(dirProperty("workscript.itAssets"), WorkscriptRuntime.Config(logger = logger)))
        val e = assertThrows<WorkscriptInputMergeException> {
            SumCountsInputMerger().merge(listOf(count(1), Data.Builder().putString("fail", "yes").build()))
        }
        assertEquals("SumCountsInputMerger", e.mergerName)
        assertEquals("RangeError: asked to fail", e.message)
        assertTrue(e.error.stack.contains("mergers.ts:"), e.error.stack)
    }
}
