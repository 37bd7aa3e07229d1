#!/usr/bin/env bash
# Runs Maven on the packages/android reactor (its modules are listed in packages/android/pom.xml) with the given goals, e.g.
#   bash packages/android/scripts/mvn.sh test
# Fails with what to install when Java or Maven is missing. Extra arguments go to Maven as they are.
set -euo pipefail
script_dir=${BASH_SOURCE[0]%/*}
[ "$script_dir" = "${BASH_SOURCE[0]}" ] && script_dir=.
cd "$script_dir/.."

if ! command -v java >/dev/null 2>&1; then
  echo "packages/android needs a JDK 17 or newer, but 'java' is not on PATH." >&2
  echo "Install one (Debian/Ubuntu: 'apt-get install openjdk-17-jdk-headless'; macOS: 'brew install openjdk@17')" >&2
  echo "or set JAVA_HOME and put \$JAVA_HOME/bin on PATH." >&2
  exit 127
fi
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1)
java_major=${java_major#1.}
if [ -n "$java_major" ] && [ "$java_major" -lt 17 ] 2>/dev/null; then
  echo "packages/android needs JDK 17 or newer; 'java' on PATH is $java_major. Point JAVA_HOME/PATH at a JDK 17+." >&2
  exit 1
fi
if ! command -v mvn >/dev/null 2>&1; then
  echo "packages/android builds with Maven 3.8 or newer, but 'mvn' is not on PATH." >&2
  echo "Install it (Debian/Ubuntu: 'apt-get install maven'; macOS: 'brew install maven')." >&2
  exit 127
fi
exec mvn -B "$@"
