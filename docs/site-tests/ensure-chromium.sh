#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the docs site's browser test
# (docs/site-tests/site.test.ts). A no-op when it is already there; otherwise installs the `chromium`
# package with apt-get (root, or sudo without a password). CI machines do not have it preinstalled.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}" # overridable only to test this script

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available." >&2
  echo "Install Chromium so that it is at $CHROMIUM (Debian/Ubuntu: apt-get install chromium)." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo -n)
else
  echo "ensure-chromium: $CHROMIUM is missing; run as root: apt-get update && apt-get install -y chromium" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium package (one time)..."
${SUDO[@]+"${SUDO[@]}"} apt-get update -qq
${SUDO[@]+"${SUDO[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: installed the chromium package but $CHROMIUM is still missing." >&2
  exit 1
fi
"$CHROMIUM" --version || true
