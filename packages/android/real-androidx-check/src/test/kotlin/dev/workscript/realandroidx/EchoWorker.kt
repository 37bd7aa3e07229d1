package dev.workscript.realandroidx

import android.content.Context
import androidx.work.Worker
import androidx.work.WorkerParameters

/** A plain prerequisite: its output is its input (WorkManager creates it by reflection). */
class EchoWorker(context: Context, params: WorkerParameters) : Worker(context, params) {
    override fun doWork(): Result = Result.success(inputData)
}
