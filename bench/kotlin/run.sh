#!/usr/bin/env bash
# Kotlin runtime benchmark (JVM): WorkscriptRuntime.run cold/warm as ratios to raw quickjs-kt, one JVM run, and
# fresh vs pooled engines.
#   bash bench/kotlin/run.sh [--quick] [--samples N] [--warmup N] [--only "raw warm,runtime warm"] [--update-readme [bench/README.md]]
# Packages packages/android/bench (and the runtime it depends on; tests skipped) with Maven, then runs
# dev.workscript.bench.KotlinRuntimeBench in its own JVM. Maven runs offline (-o) unless BENCH_MVN_ONLINE=1
# (the first build on an empty ~/.m2 needs it). Needs JDK 17+ and Maven 3.8+ (scripts/mvn.sh says what to install).
set -euo pipefail
here=${BASH_SOURCE[0]%/*}
[ "$here" = "${BASH_SOURCE[0]}" ] && here=.
root=$(cd "$here/../.." && pwd)
android="$root/packages/android"

offline=(-o)
[ "${BENCH_MVN_ONLINE:-}" = 1 ] && offline=()
bash "$android/scripts/mvn.sh" "${offline[@]}" -q -Dstyle.color=never -pl bench -am -Dmaven.test.skip=true package >&2

cd "$root"
exec java ${BENCH_JAVA_OPTS:-} -cp "$android/bench/target/classes:$(cat "$android/bench/target/classpath.txt")" \
  dev.workscript.bench.KotlinRuntimeBenchKt --bundle packages/api/bridge-conformance/conformance-bundle.js "$@"
