#!/usr/bin/env bash
# Runs any lrsched command on embedded Spark (local[*]) in one JVM, building the project first when needed.
#
#   submit/local.sh [COMMAND] [EXPERIMENT.conf] [options] [--set key=value ...]
#
# COMMAND defaults to `train`. Environment: LRSCHED_DRIVER_MEMORY (JVM heap, default 4g),
# LRSCHED_MASTER (Spark master, default local[*]), LRSCHED_LOG (the log file: Spark's and DL4J's log and full
# stack traces, default logs/lrsched.log), JAVA_OPTS (extra JVM options).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
commands=" train config plot-schedule lr-find bench evaluate sweep sweep-status sweep-report runs compare data help "

command=train
if [[ $# -gt 0 && "$commands" == *" $1 "* ]]; then
  command=$1
  shift
fi

classpath_file="$root/target/local-classpath.txt"
# The stamp is written after each successful build. A file Maven writes (target/classes/reference.conf) would not do:
# the resources plugin leaves it alone after a Java-only change, so that change would rebuild on every run.
stamp="$root/target/local-build.stamp"
if [[ ! -f "$classpath_file" || ! -f "$stamp" || -n "$(find "$root/src/main" "$root/pom.xml" -newer "$stamp" -print -quit)" ]]; then
  echo "[INFO] building lrsched (mvn compile)..." >&2
  mkdir -p "$root/target" && touch "$root/target/local-build.stamp.next"
  (cd "$root" && mvn -q -B -DskipTests compile)
  # Dated to the build's start: a source saved during the build is newer and rebuilds next time.
  mv "$root/target/local-build.stamp.next" "$stamp"
fi

# Embedded Spark serves only this machine: bind it to loopback.
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
# libgomp reads this only at load time: idle OpenMP threads sleep instead of spinning against the other worker's
# threads (measured in docs/PERFORMANCE.md).
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}

java_options=()
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] || java_options+=("$line")
done < "$root/submit/java17-options"

exec java \
  "-Xmx${LRSCHED_DRIVER_MEMORY:-4g}" \
  "${java_options[@]}" \
  -Dlog4j.configurationFile="$root/conf/log4j2-local.properties" \
  -Dlrsched.log="${LRSCHED_LOG:-$root/logs/lrsched.log}" \
  -Dspark.master="${LRSCHED_MASTER:-local[*]}" \
  ${JAVA_OPTS:-} \
  -cp "$root/target/classes:$(cat "$classpath_file")" \
  io.lrsched.cli.Main "$command" "$@"
