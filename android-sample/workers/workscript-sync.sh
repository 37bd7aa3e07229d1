#!/usr/bin/env bash
# Generates the android-sample's Kotlin workers and QuickJS assets from android-sample/workers/*.ts, or checks
# that the committed ones are up to date (style.md R35):
#
#   bash android-sample/workers/workscript-sync.sh generate   # npx nx run android-sample:generate
#   bash android-sample/workers/workscript-sync.sh check      # npx nx run android-sample:check
#
# `workscript generate` writes one output directory (kotlin/ + assets/); the app keeps them in the standard
# Android places, so this script maps between the two:
#   kotlin/dev/workscript/sample/generated/  <->  app/src/main/java/dev/workscript/sample/generated/
#   assets/                                  <->  app/src/main/assets/workscript/   (Workscript.runtime's default)
# `check` mirrors the committed files into the CLI's layout and runs `workscript check` on them.
set -euo pipefail
mode=${1:-generate}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sample=$(dirname "$here")
repo=$(dirname "$sample")
cli="$repo/packages/codegen/bin/workscript.js"
package=dev.workscript.sample.generated
package_dir=${package//.//}
kotlin_dest="$sample/app/src/main/java/$package_dir"
assets_dest="$sample/app/src/main/assets/workscript"
args=(--root "$sample" --project workers/tsconfig.json --kotlin-package "$package")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

case "$mode" in
  generate)
    node "$cli" generate "${args[@]}" --out "$tmp/out" >/dev/null
    rm -rf "$kotlin_dest" "$assets_dest"
    mkdir -p "$kotlin_dest" "$assets_dest"
    cp "$tmp/out/kotlin/$package_dir/"* "$kotlin_dest/"
    cp "$tmp/out/assets/"* "$assets_dest/"
    echo "Generated $(ls "$kotlin_dest" | wc -l | tr -d ' ') Kotlin files in ${kotlin_dest#"$repo"/} and $(ls "$assets_dest" | wc -l | tr -d ' ') assets in ${assets_dest#"$repo"/}."
    ;;
  check)
    mkdir -p "$tmp/committed/kotlin/$package_dir" "$tmp/committed/assets"
    [ -d "$kotlin_dest" ] && cp -R "$kotlin_dest/." "$tmp/committed/kotlin/$package_dir/"
    [ -d "$assets_dest" ] && cp -R "$assets_dest/." "$tmp/committed/assets/"
    if ! node "$cli" check "${args[@]}" --out "$tmp/committed"; then
      echo "Generated files changed. Run \`npm run generate\`." >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: workscript-sync.sh generate|check" >&2
    exit 2
    ;;
esac
