#!/usr/bin/env bash
# A Spark standalone cluster on this machine (loopback only), built from Maven's Spark jars: no Spark download.
#
#   submit/standalone.sh up [--workers N] [--cores C] [--memory M] [--port P] [--webui-port P]
#   submit/standalone.sh down
#   submit/standalone.sh status
#   submit/standalone.sh home
#
# `up` builds target/spark-home (jars/, RELEASE, bin/spark-submit) once, starts a master and N workers
# (default 2 workers, 1 core and 2g each) on 127.0.0.1, waits until the master counts N ALIVE workers and prints the
# master URL (also in target/spark-home/master-url). Submit to it with:
#   SPARK_HOME=target/spark-home submit/cluster.sh conf/smoke.conf --master "$(cat target/spark-home/master-url)"
# `down` stops exactly the processes `up` recorded (target/spark-home/pids/), and waits for them. Both are safe to
# repeat. Logs: target/spark-home/logs; executors' stdout/stderr: target/spark-home/work/<app>/<executor>/.
# `home` only builds the Spark home and prints its folder; it holds spark-yarn too, so it submits to YARN as well:
#   SPARK_HOME=target/spark-home HADOOP_CONF_DIR=/etc/hadoop/conf submit/cluster.sh conf/smoke.conf --master yarn
# Environment: LRSCHED_SPARK_HOME (another folder instead of target/spark-home), LRSCHED_CLUSTER_DIR (where a
# cluster keeps pids, logs, work folders and master-url; default: the Spark home), SPARK_DAEMON_MEMORY (heap of the
# master and worker daemons, default 512m), JAVA_HOME.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
home=${LRSCHED_SPARK_HOME:-$root/target/spark-home}
# The running cluster's state (pids, logs, executors' work folders, master URL); LRSCHED_CLUSTER_DIR lets a second
# cluster (the integration test's) share the jars without touching the first.
state=${LRSCHED_CLUSTER_DIR:-$home}
pids="$state/pids"
logs="$state/logs"
host=127.0.0.1
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

usage() { sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
die() { echo "standalone.sh: $*" >&2; exit 1; }

# --- the Spark home --------------------------------------------------------------------------------------------

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -n 1; }

# Spark's own dependency tree, resolved on its own: the project's tree mediates versions together with DL4J's, and
# a cluster must run the jars a Spark distribution would (spark-core brings the Hadoop client runtime and log4j2).
build_home() {
  local spark scala
  spark=$(pom_property spark.version)
  scala=$(pom_property scala.binary.version)
  [[ -n "$spark" && -n "$scala" ]] || die "cannot read spark.version / scala.binary.version from pom.xml"
  if [[ -f "$home/RELEASE" ]] && grep -q "^Spark $spark " "$home/RELEASE" \
    && [[ -f "$home/jars/spark-yarn_$scala-$spark.jar" ]]; then
    return 0
  fi
  echo "[INFO] building $home from Maven's Spark $spark jars..." >&2
  rm -rf "$home/jars" "$home/RELEASE"
  mkdir -p "$home/resolve"
  cat > "$home/resolve/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.lrsched</groupId>
  <artifactId>spark-home</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <!-- Spark's own dependency management, as in Spark's build: without it Maven's nearest-wins picks e.g.
       slf4j-api 1.7 and jackson-core 2.14 from deep in the tree. -->
  <dependencyManagement>
    <dependencies>
      <dependency><groupId>org.apache.spark</groupId><artifactId>spark-parent_$scala</artifactId><version>$spark</version><type>pom</type><scope>import</scope></dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-core_$scala</artifactId><version>$spark</version></dependency>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_$scala</artifactId><version>$spark</version></dependency>
    <!-- spark-submit's YARN client and ApplicationMaster, as in a distribution built with -Pyarn. -->
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-yarn_$scala</artifactId><version>$spark</version></dependency>
    <!-- Managed as provided in spark-parent; Spark's distribution (its assembly module) ships it in jars/. -->
    <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId><scope>compile</scope></dependency>
  </dependencies>
</project>
EOF
  local goal=(org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies
    -DincludeScope=runtime -DoutputDirectory="$home/jars.tmp")
  # Offline first (everything is usually in ~/.m2 after the project's build); online when something is missing.
  if ! (cd "$home/resolve" && mvn -o -q -B "${goal[@]}") >"$home/resolve/resolve.log" 2>&1; then
    (cd "$home/resolve" && mvn -q -B "${goal[@]}") >>"$home/resolve/resolve.log" 2>&1 \
      || die "resolving Spark $spark failed, see $home/resolve/resolve.log"
  fi
  compgen -G "$home/jars.tmp/spark-core_$scala-$spark.jar" >/dev/null || die "no spark-core jar in $home/jars.tmp"
  mv "$home/jars.tmp" "$home/jars"

  # Spark's launcher treats a folder with RELEASE as a distribution and puts jars/* on the executors' classpath.
  echo "Spark $spark built for Hadoop $(ls "$home/jars" | sed -n 's/^hadoop-client-api-\(.*\)\.jar$/\1/p')" \
    "(assembled by lrsched's submit/standalone.sh from Maven jars)" > "$home/RELEASE"
}

# Written on every `up`, so that changes to submit/java17-options or conf/log4j2.properties reach the cluster.
write_launchers() {
  mkdir -p "$home/bin" "$home/conf"
  # spark-submit for this home: the launcher scripts are not in Maven, SparkSubmit is. In client mode the driver is
  # this JVM, so --driver-memory must become its -Xmx here (Spark's own spark-class does the same).
  cat > "$home/bin/spark-submit" <<'EOF'
#!/usr/bin/env bash
# spark-submit for a Spark home assembled from Maven jars (written by lrsched's submit/standalone.sh).
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
heap=1g
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --driver-memory) heap=${args[$((i + 1))]} ;;
    --driver-memory=*) heap=${args[$i]#--driver-memory=} ;;
  esac
done
options=()
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] || options+=("$line")
done < "$home/conf/java17-options"
export SPARK_HOME=$home SPARK_SCALA_VERSION=2.12
# As Spark's launcher does: the Hadoop client configuration (where YARN's ResourceManager and HDFS are) on the classpath.
hadoop_conf=${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}${YARN_CONF_DIR:+$YARN_CONF_DIR:}
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" "-Xmx$heap" "${options[@]}" ${SPARK_SUBMIT_OPTS:-} \
  -cp "$home/conf/:$hadoop_conf$home/jars/*" org.apache.spark.deploy.SparkSubmit "$@"
EOF
  chmod +x "$home/bin/spark-submit"
  cp "$root/submit/java17-options" "$home/conf/java17-options"
  # conf/ is on every Spark JVM's classpath, as in a Spark distribution: drivers and executors log like local runs.
  cp "$root/conf/log4j2.properties" "$home/conf/log4j2.properties"
  # The daemons say at INFO what one needs to see (registrations, executors launched and exited).
  { cat "$root/conf/log4j2.properties"
    printf '%s\n' "logger.deploy.name = org.apache.spark.deploy" "logger.deploy.level = info"
  } > "$home/conf/log4j2-daemons.properties"
}

java_options() {
  local line
  while IFS= read -r line; do
    [[ -z "$line" || "$line" == \#* ]] || printf '%s\n' "$line"
  done < "$root/submit/java17-options"
}

# --- processes -------------------------------------------------------------------------------------------------

# A recorded pid counts only while it still runs the class we started (pids are reused).
alive() {
  local file=$1 class=$2 pid
  [[ -f "$file" ]] || return 1
  pid=$(cat "$file")
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "$class"
}

master_class=org.apache.spark.deploy.master.Master
worker_class=org.apache.spark.deploy.worker.Worker

port_free() { ! (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null; }
free_port() {
  local p=$1
  while ! port_free "$p"; do p=$((p + 1)); done
  echo "$p"
}

start_daemon() {
  local name=$1 class=$2
  shift 2
  local options
  mapfile -t options < <(java_options)
  # setsid: the daemons outlive the shell (and the test JVM) that started them; `down` stops them by pid.
  # SPARK_SCALA_VERSION: a worker's launcher needs it to build the executors' classpath without Spark's scripts.
  SPARK_HOME="$home" SPARK_SCALA_VERSION="$(pom_property scala.binary.version)" SPARK_LOCAL_IP=$host SPARK_LOG_DIR="$logs" \
    setsid "$java" "-Xmx${SPARK_DAEMON_MEMORY:-512m}" "${options[@]}" \
    -Dlog4j.configurationFile="$home/conf/log4j2-daemons.properties" \
    -cp "$home/conf/:$home/jars/*" "$class" "$@" \
    </dev/null >"$logs/$name.out" 2>&1 &
  echo $! > "$pids/$name.pid"
  # Until setsid has exec'ed java, the pid still shows bash: wait for it, so that `alive` means what it says.
  local i
  for ((i = 0; i < 50; i++)); do
    alive "$pids/$name.pid" "$class" && return 0
    [[ -d "/proc/$!" ]] || break
    sleep 0.1
  done
  alive "$pids/$name.pid" "$class" || die "$name did not start, see $logs/$name.out"
}

# The master's state as JSON (its web UI's /json/); plain bash where curl is missing. Run in $(...) only.
master_json() {
  local port
  port=$(cat "$state/master-webui-port")
  if command -v curl >/dev/null && [[ -z "${LRSCHED_NO_CURL:-}" ]]; then
    curl -s --max-time 2 "http://$host:$port/json/" || true
    return
  fi
  { exec 3<>"/dev/tcp/$host/$port"; } 2>/dev/null || return 0
  printf 'GET /json/ HTTP/1.0\r\nHost: %s\r\n\r\n' "$host" >&3
  timeout 2 cat <&3 || true
}

alive_workers() {
  local json
  json=$(master_json)
  [[ -n "$json" ]] || { echo -1; return; }
  grep -o '"aliveworkers" *: *[0-9]*' <<<"$json" | grep -o '[0-9]*$' || echo 0
}

wait_for_workers() {
  local wanted=$1 seconds=${2:-120} n=0
  for ((i = 0; i < seconds * 2; i++)); do
    if ! alive "$pids/master.pid" "$master_class"; then
      echo "standalone.sh: the master died, see $logs/master.out" >&2
      return 1
    fi
    n=$(alive_workers)
    [[ "$n" -ge "$wanted" ]] && return 0
    sleep 0.5
  done
  echo "standalone.sh: only $n of $wanted workers ALIVE after ${seconds}s, see $logs/" >&2
  return 1
}

stop_all() {
  local file pid stopped=()
  for file in "$pids"/worker-*.pid "$pids"/master.pid; do
    [[ -f "$file" ]] || continue
    if alive "$file" "org.apache.spark.deploy"; then
      pid=$(cat "$file")
      kill "$pid" 2>/dev/null || true
      stopped+=("$pid")
    fi
  done
  for pid in "${stopped[@]}"; do
    # Up to 30 s for a clean exit (a worker first stops its executors), then SIGKILL.
    for ((i = 0; i < 60; i++)); do
      [[ -d "/proc/$pid" ]] || break
      sleep 0.5
    done
    if [[ -d "/proc/$pid" ]]; then kill -9 "$pid" 2>/dev/null || true; fi
  done
  rm -f "$pids"/*.pid "$state/master-url"
  # Every application copies the ~270 MB application jar into each executor's folder: keep the logs, not the jars.
  [[ -d "$state/work" ]] && find "$state/work" -name '*.jar' -delete 2>/dev/null || true
  ((${#stopped[@]} == 0)) || echo "[INFO] stopped ${#stopped[@]} Spark processes" >&2
}

# --- commands --------------------------------------------------------------------------------------------------

up() {
  local workers=2 cores=1 memory=2g port=7077 webui=8080
  while [[ $# -gt 0 ]]; do
    [[ $# -ge 2 ]] || usage
    case "$1" in
      --workers) workers=$2 ;;
      --cores) cores=$2 ;;
      --memory) memory=$2 ;;
      --port) port=$2 ;;
      --webui-port) webui=$2 ;;
      *) usage ;;
    esac
    shift 2
  done
  [[ "$workers" =~ ^[1-9][0-9]*$ ]] || die "--workers must be a positive integer, got '$workers'"
  [[ "$cores" =~ ^[1-9][0-9]*$ ]] || die "--cores must be a positive integer, got '$cores'"
  [[ "$memory" =~ ^[1-9][0-9]*[mMgG]$ ]] || die "--memory must be like 512m or 2g, got '$memory'"

  build_home
  write_launchers
  mkdir -p "$pids" "$logs" "$state/work"
  local running=0 file
  for file in "$pids"/worker-*.pid; do alive "$file" "$worker_class" && running=$((running + 1)); done
  if alive "$pids/master.pid" "$master_class" && [[ "$running" -eq "$workers" && -f "$state/master-url" ]]; then
    wait_for_workers "$workers" 60 || exit 1
    echo "[INFO] already up: $workers workers" >&2
    cat "$state/master-url"
    return 0
  fi
  stop_all

  port=$(free_port "$port")
  webui=$(free_port "$webui")
  [[ "$webui" != "$port" ]] || webui=$(free_port $((webui + 1)))
  echo "$webui" > "$state/master-webui-port"
  start_daemon master "$master_class" --host "$host" --port "$port" --webui-port "$webui"
  local w
  for ((w = 1; w <= workers; w++)); do
    # Port 0: each worker's RPC and web UI take any free port.
    start_daemon "worker-$w" "$worker_class" --host "$host" --port 0 --webui-port 0 \
      --cores "$cores" --memory "$memory" --work-dir "$state/work" "spark://$host:$port"
  done
  if ! wait_for_workers "$workers" 120; then
    stop_all
    exit 1
  fi
  echo "spark://$host:$port" > "$state/master-url"
  echo "[INFO] master spark://$host:$port (web UI http://$host:$webui), $workers workers x $cores cores x $memory" >&2
  cat "$state/master-url"
}

status() {
  local file any=false
  for file in "$pids"/master.pid "$pids"/worker-*.pid; do
    [[ -f "$file" ]] || continue
    if alive "$file" "org.apache.spark.deploy"; then
      echo "$(basename "$file" .pid): running, pid $(cat "$file")"
      any=true
    else
      echo "$(basename "$file" .pid): not running (stale pid $(cat "$file"))"
    fi
  done
  if $any && alive "$pids/master.pid" "$master_class"; then
    echo "master: $(cat "$state/master-url" 2>/dev/null || echo starting), $(alive_workers) ALIVE workers," \
      "web UI http://$host:$(cat "$state/master-webui-port")"
    return 0
  fi
  echo "no standalone cluster running"
  return 3
}

[[ $# -ge 1 ]] || usage
command=$1
shift
case "$command" in
  up) up "$@" ;;
  down) [[ $# -eq 0 ]] || usage; stop_all ;;
  status) [[ $# -eq 0 ]] || usage; status ;;
  home) [[ $# -eq 0 ]] || usage; build_home; write_launchers; echo "$home" ;;
  *) usage ;;
esac
