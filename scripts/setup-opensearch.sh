#!/usr/bin/env bash
# Builds the test-only OpenSearch launcher (test/opensearch/launcher) with Maven.
# Idempotent: when target/ is newer than the sources and the classpath still resolves,
# it does nothing. Prints the java command line pieces it produced:
#   test/opensearch/launcher/target/classes and target/classpath.txt
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$root/test/opensearch/launcher"
target="$launcher/target"
stamp="$target/.built"

command -v java >/dev/null || { echo "setup-opensearch: java (17+) is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "setup-opensearch: mvn (Maven 3.8+) is required" >&2; exit 1; }

up_to_date() {
  [[ -f "$stamp" && -f "$target/classpath.txt" && -d "$target/classes" ]] || return 1
  # any source or the pom newer than the stamp -> rebuild
  [[ -z "$(find "$launcher/pom.xml" "$launcher/src" -newer "$stamp" -print -quit)" ]] || return 1
  # every jar on the recorded classpath must still exist (a wiped ~/.m2 means rebuild)
  local jar
  while IFS= read -r jar; do
    [[ -z "$jar" || -f "$jar" ]] || return 1
  done < <(tr ':' '\n' < "$target/classpath.txt")
}

if up_to_date; then
  echo "setup-opensearch: launcher up to date ($target)"
  exit 0
fi

echo "setup-opensearch: building the OpenSearch test launcher with Maven"
log="$(mktemp)"
if ! (cd "$launcher" && mvn -q -B -Dstyle.color=never package) >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "setup-opensearch: the Maven build failed" >&2
  exit 1
fi
rm -f "$log"
touch "$stamp"
echo "setup-opensearch: built ($target)"
