#!/usr/bin/env bash
# Compiles the Kotlin runtime and every generated worker against the REAL androidx.work and runs Robolectric tests
# on the real WorkManager. Not part of CI: it needs Google's Maven repository (see README.md).
#   bash packages/android/real-androidx-check/run.sh
# Writes only under target/ next to this script; reads the repository's sources, never writes them.
set -euo pipefail

CHECK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$CHECK_DIR/../../.." && pwd)
TARGET=$CHECK_DIR/target
export REAL_ANDROIDX_TARGET=$TARGET # read by settings.xml

RUNTIME_SRC=$REPO_ROOT/packages/android/runtime/src
SAMPLE_GENERATED=$REPO_ROOT/android-sample/app/src/main/java/dev/workscript/sample/generated
WORKERS_IT_GENERATED=$REPO_ROOT/packages/android/generated-it/workers-it/generated/kotlin
GOLDENS=$REPO_ROOT/packages/codegen/tests/fixtures
# The one golden that needs work-runtime 2.11+ (setBackoffForSystemInterruptions, ExperimentalWorkRequestBuilderApi);
# the codegen documents that requirement, so it is compiled against 2.11.2 only.
GOLDEN_2_11_ONLY=system-interruptions

# The version packages/android/build.gradle.kts and the android-sample pin, and the newest 2.11 (the oldest line
# whose work-testing Google's Maven serves: work-testing 2.10.0 is a 404 there).
PINNED=2.10.0
TESTING=2.11.2
# Robolectric's SDK 35 jars: the plain one is android.jar at compile time, the instrumented one (-i7) runs the tests.
export ANDROID_ALL=15-robolectric-13954326 # read by gen-pom.py
ANDROID_ALL_INSTRUMENTED=org.robolectric:android-all-instrumented:$ANDROID_ALL-i7

# Kotlin in-process: the compile daemon would outlive the script (~1.8 GB resident).
MVN=(mvn -B -s "$CHECK_DIR/settings.xml" -Dkotlin.compiler.daemon=false)

for tool in java mvn python3; do
  command -v "$tool" > /dev/null || { echo "real-androidx-check: '$tool' not found (needs JDK 17+, Maven 3.8+, Python 3)" >&2; exit 2; }
done

mkdir -p "$TARGET/logs"
t0=$(date +%s)
summary=()
failed=0

step() { echo; echo "=== [$(( $(date +%s) - t0 )) s] $1"; }
record() { summary+=("$(printf '%-4s %-52s %s' "$1" "$2" "$3")"); [[ $1 == OK ]] || failed=1; }
print_summary() {
  echo; echo "=== summary ($(( $(date +%s) - t0 )) s, logs in ${TARGET#"$REPO_ROOT"/}/logs)"
  printf '%s\n' "${summary[@]}"
}
# A step that every later one needs: stop at once when it fails.
fatal() { record FAIL "$1" "$2"; print_summary; exit 1; }

# Kotlin diagnostics in our sources, paths relative to the repository.
diagnostics() { grep -E "^\[$1\] file:" "$2" | sort -u | sed "s|file://$REPO_ROOT/||" || true; }

# module NAME TEMPLATE LABEL DEPS_FRAGMENT SRC_DIR...: a fresh Maven module under target/ (no incremental state).
module() {
  local name=$1 template=$2; shift 2
  rm -rf "${TARGET:?}/$name"
  python3 "$CHECK_DIR/gen-pom.py" "$CHECK_DIR/poms/$template" "$TARGET/$name/pom.xml" "$name" "$@"
}

# compile_check NAME DESCRIPTION LABEL DEPS_FRAGMENT SRC_DIR...
compile_check() {
  local name=$1 what=$2 s=$(date +%s); shift 2
  step "$name: $what"
  module "$name" compile-check.pom.xml "$@"
  if "${MVN[@]}" -f "$TARGET/$name/pom.xml" compile > "$TARGET/logs/$name.log" 2>&1; then
    echo "compiles"; record OK "$name" "$(( $(date +%s) - s )) s"
  else
    echo "DOES NOT COMPILE (log: target/logs/$name.log):"; diagnostics ERROR "$TARGET/logs/$name.log"
    grep -qE '^\[ERROR\] file:' "$TARGET/logs/$name.log" || tail -30 "$TARGET/logs/$name.log"
    record FAIL "$name" "$(( $(date +%s) - s )) s, compile errors"
  fi
  local warnings; warnings=$(diagnostics WARNING "$TARGET/logs/$name.log" | wc -l)
  [[ $warnings == 0 ]] || echo "($warnings Kotlin warnings in the log)"
}

# robolectric_tests NAME DESCRIPTION LABEL DEPS_FRAGMENT
robolectric_tests() {
  local name=$1 what=$2 s=$(date +%s); shift 2
  step "$name: $what"
  module "$name" robolectric-tests.pom.xml "$@" "$RUNTIME_SRC/main/kotlin" "$RUNTIME_SRC/android/kotlin" \
    "$SAMPLE_GENERATED" "$WORKERS_IT_GENERATED"
  local log=$TARGET/logs/$name.log
  local ok=OK
  "${MVN[@]}" -f "$TARGET/$name/pom.xml" test > "$log" 2>&1 || ok=FAIL
  diagnostics ERROR "$log"
  grep -E '^\[(INFO|ERROR)\] Tests run:|<<< (FAILURE|ERROR)' "$log" || tail -30 "$log"
  local totals; totals=$(grep -E '^\[(INFO|ERROR|WARNING)\] Tests run:' "$log" | tail -1 | sed -E 's/^\[[A-Z]+\] //') || true
  record "$ok" "$name" "$(( $(date +%s) - s )) s, ${totals:-no tests ran}"
}

step "resolve: androidx.work $PINNED and $TESTING (+ work-testing) with their dependencies, from Google's Maven"
s=$(date +%s)
# aar-classes/ is rebuilt each time (cheap); download-cache/ keeps what was fetched.
rm -rf "$TARGET/aar-classes" "$TARGET/m2/aar-classes"
python3 "$CHECK_DIR/resolve-androidx.py" "$TARGET/aar-classes" "$TARGET/deps-$PINNED.xml" "$TARGET/download-cache" \
  "androidx.work:work-runtime:$PINNED" > "$TARGET/logs/resolve-$PINNED.log" 2>&1 \
  || { tail -20 "$TARGET/logs/resolve-$PINNED.log"; fatal resolve "androidx.work $PINNED"; }
# Robolectric 4.17's two AAR dependencies come this way too (Maven would put the AAR files, not their classes, on
# the classpath).
python3 "$CHECK_DIR/resolve-androidx.py" "$TARGET/aar-classes" "$TARGET/deps-$TESTING.xml" "$TARGET/download-cache" \
  "androidx.work:work-runtime:$TESTING" "androidx.work:work-testing:$TESTING" \
  androidx.test:monitor:1.8.0 androidx.test.espresso:espresso-idling-resource:3.7.0 > "$TARGET/logs/resolve-$TESTING.log" 2>&1 \
  || { tail -20 "$TARGET/logs/resolve-$TESTING.log"; fatal resolve "androidx.work $TESTING"; }
echo "$(wc -l < "$TARGET/deps-$PINNED.xml") artifacts for $PINNED, $(wc -l < "$TARGET/deps-$TESTING.xml") for $TESTING (target/deps-*.xml.txt)"
# The pinned work-runtime with the rest of the test set: the only way to run the pinned version's WorkManager here.
sed "s|<artifactId>work-runtime</artifactId><version>$TESTING</version>|<artifactId>work-runtime</artifactId><version>$PINNED</version>|" \
  "$TARGET/deps-$TESTING.xml" > "$TARGET/deps-mixed.xml"
grep -q "work-runtime</artifactId><version>$PINNED<" "$TARGET/deps-mixed.xml" || fatal resolve "could not swap work-runtime in deps-mixed.xml"
record OK resolve "$(( $(date +%s) - s )) s"

step "fetch: Robolectric's pre-instrumented android-all for SDK 35 (~200 MB)"
s=$(date +%s)
"${MVN[@]}" -q dependency:get -Dartifact="$ANDROID_ALL_INSTRUMENTED" > "$TARGET/logs/fetch.log" 2>&1 \
  || { tail -20 "$TARGET/logs/fetch.log"; fatal fetch "$ANDROID_ALL_INSTRUMENTED"; }
record OK fetch "$(( $(date +%s) - s )) s"

# What runtime-android-check compiles against work-stubs, here against the real classes.
compile_check "runtime-$PINNED" "runtime src/main + src/android vs androidx.work $PINNED + android-all 35" \
  "$PINNED" "$TARGET/deps-$PINNED.xml" "$RUNTIME_SRC/main/kotlin" "$RUNTIME_SRC/android/kotlin"

goldens_pinned=() goldens_all=()
for dir in "$GOLDENS"/*/expected/kotlin; do
  goldens_all+=("$dir")
  [[ $dir == "$GOLDENS/$GOLDEN_2_11_ONLY/"* ]] || goldens_pinned+=("$dir")
done
compile_check "generated-$PINNED" "runtime + android-sample + workers-it + ${#goldens_pinned[@]} goldens (all but $GOLDEN_2_11_ONLY) vs androidx.work $PINNED" \
  "$PINNED" "$TARGET/deps-$PINNED.xml" "$RUNTIME_SRC/main/kotlin" "$RUNTIME_SRC/android/kotlin" \
  "$SAMPLE_GENERATED" "$WORKERS_IT_GENERATED" "${goldens_pinned[@]}"
compile_check "generated-$TESTING" "runtime + android-sample + workers-it + all ${#goldens_all[@]} goldens vs androidx.work $TESTING" \
  "$TESTING" "$TARGET/deps-$TESTING.xml" "$RUNTIME_SRC/main/kotlin" "$RUNTIME_SRC/android/kotlin" \
  "$SAMPLE_GENERATED" "$WORKERS_IT_GENERATED" "${goldens_all[@]}"

# What AGP writes for unit tests with includeAndroidResources (Robolectric's DefaultManifestFactory reads it).
# There is no resource APK (no aapt2), so the app's AssetManager does not serve these assets: the tests install the
# bundle themselves and read assets through sample-assets.apk below.
mkdir -p "$TARGET/test-config/com/android/tools"
cat > "$TARGET/test-config/com/android/tools/test_config.properties" <<EOF
android_merged_manifest=$CHECK_DIR/src/test/manifest/AndroidManifest.xml
android_merged_assets=$REPO_ROOT/android-sample/app/src/main/assets
android_custom_package=dev.workscript.sample
EOF
# The sample's assets laid out as in an APK (assets/workscript/...): Robolectric's AssetManager.addAssetPath takes a
# zip, not a directory.
rm -f "$TARGET/sample-assets.apk"
(cd "$REPO_ROOT/android-sample/app/src/main" && python3 -m zipfile -c "$TARGET/sample-assets.apk" assets)

robolectric_tests "tests-$TESTING" "Robolectric 4.17 (SDK 35) on work-runtime + work-testing $TESTING" \
  "$TESTING" "$TARGET/deps-$TESTING.xml"
# An unsupported mix (Gradle would raise work-runtime to work-testing's version), kept because it is the only run
# of the pinned version's WorkManager; it costs one more compile and test run.
robolectric_tests "tests-runtime-$PINNED" "the same tests on work-runtime $PINNED + work-testing $TESTING" \
  "work-runtime $PINNED + work-testing $TESTING" "$TARGET/deps-mixed.xml"

print_summary
exit "$failed"
