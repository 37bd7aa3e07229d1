// STAND-IN, NEVER SHIPPED: compile-only substitute for Guava's ListenableFuture, which androidx.work's
// ListenableWorker.startWork() returns. Real apps get com.google.guava:listenablefuture through androidx.work.
package com.google.common.util.concurrent

import java.util.concurrent.Executor
import java.util.concurrent.Future

/** Stand-in for Guava's `ListenableFuture` (never shipped): a [Future] that runs listeners on completion. */
public interface ListenableFuture<V> : Future<V> {
    /** Runs [listener] on [executor] once this future completes (immediately if it already has). */
    public fun addListener(listener: Runnable, executor: Executor)
}
