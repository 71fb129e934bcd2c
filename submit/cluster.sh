#!/usr/bin/env bash
# Submits an lrsched experiment to a Spark cluster with the spark-submit of any Spark 3.5 installation.
#
#   submit/cluster.sh [train] EXPERIMENT.conf [lrsched train options] [spark-submit options] [--dry-run]
#   submit/cluster.sh sweep SWEEP.conf [--set key=value ...] [--parallel P] [--max-trials N] [--time-budget 50m]
#       [spark-submit options] [--dry-run]     (client mode: the driver reads the sweep file where it starts)
#
# lrsched's train options are those of submit/local.sh train: --set key=value, --schedule NAME, --epochs N,
# --lr-plot FILE, --train-plot FILE; everything else goes to spark-submit.
# Examples:
#   SPARK_HOME=/opt/spark submit/cluster.sh conf/experiments/step.conf --master yarn --deploy-mode cluster \
#       --num-executors 8 --executor-cores 4 --executor-memory 8g --set data.path=hdfs:///data/cifar10.tar.gz
#   submit/cluster.sh conf/quickstart.conf --master spark://host:7077 --dry-run
#
# The experiment is resolved here (includes, environment variables, --set overrides) into one file that is shipped
# with --files, so the driver reads exactly what `lrsched config` prints. Everything that is not ours passes through
# to spark-submit. In cluster mode the driver reads the shipped file by its name; in client mode the local file.
# Environment: SPARK_HOME (its bin/spark-submit is used), SPARK_SUBMIT (a spark-submit command,
# overrides SPARK_HOME), LRSCHED_EXECUTOR_MEMORY (default 4g), LRSCHED_EXECUTOR_OFFHEAP (ND4J's off-heap arrays,
# default = executor memory), LRSCHED_DRIVER_MEMORY (default 4g), LRSCHED_APP_JAR (the application jar as
# spark-submit should name it, e.g. local:///opt/lrsched/lrsched.jar inside a container image; default
# target/lrsched.jar, which spark-submit ships from here).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/target/lrsched.jar"

usage() { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 1 ]] || usage
command_name=train
case "$1" in
  train) shift; [[ $# -ge 1 ]] || usage ;;
  sweep) command_name=sweep; shift; [[ $# -ge 1 ]] || usage ;;
  config|plot-schedule|lr-find|bench|help)
    echo "cluster.sh: submits train and sweep only; run '$1' with submit/local.sh" >&2; exit 2 ;;
esac
experiment=$1
shift
[[ -f "$experiment" ]] || { echo "cluster.sh: $experiment: no such experiment file" >&2; exit 2; }

dry_run=false
master=
deploy_mode=client
executor_memory=${LRSCHED_EXECUTOR_MEMORY:-4g}
overrides=()
sweep_args=()
passthrough=()
user_conf=" "
while [[ $# -gt 0 ]]; do
  case "$1" in
    # lrsched train's own options (ExperimentOptions): resolved into the shipped file by `lrsched config`.
    --set|--schedule|--epochs|--lr-plot|--train-plot) [[ $# -ge 2 ]] || usage; overrides+=("$1" "$2"); shift 2 ;;
    --set=*|--schedule=*|--epochs=*|--lr-plot=*|--train-plot=*) overrides+=("$1"); shift ;;
    --dry-run) dry_run=true; shift ;;
    # A sweep's own options go to the application, after the sweep file.
    --parallel|--max-trials|--time-budget)
      [[ "$command_name" == sweep && $# -ge 2 ]] || usage; sweep_args+=("$1" "$2"); shift 2 ;;
    # Read here because they decide what is added below; all but --executor-memory (added below) pass through.
    --master) [[ $# -ge 2 ]] || usage; master=$2; passthrough+=("$1" "$2"); shift 2 ;;
    --master=*) master=${1#--master=}; passthrough+=("$1"); shift ;;
    --deploy-mode) [[ $# -ge 2 ]] || usage; deploy_mode=$2; passthrough+=("$1" "$2"); shift 2 ;;
    --deploy-mode=*) deploy_mode=${1#--deploy-mode=}; passthrough+=("$1"); shift ;;
    --executor-memory) [[ $# -ge 2 ]] || usage; executor_memory=$2; shift 2 ;;
    --executor-memory=*) executor_memory=${1#--executor-memory=}; shift ;;
    --conf) [[ $# -ge 2 ]] || usage; user_conf+="${2%%=*} "; passthrough+=("$1" "$2"); shift 2 ;;
    --conf=*) conf=${1#--conf=}; user_conf+="${conf%%=*} "; passthrough+=("$1"); shift ;;
    *) passthrough+=("$1"); shift ;;
  esac
done
[[ "$deploy_mode" == client || "$deploy_mode" == cluster ]] \
  || { echo "cluster.sh: --deploy-mode must be client or cluster, got '$deploy_mode'" >&2; exit 2; }
[[ "$command_name" == train || "$deploy_mode" == client ]] \
  || { echo "cluster.sh: sweep runs in client mode (its driver reads the sweep file and claims trials where it is" \
    "started); drop --deploy-mode cluster" >&2; exit 2; }

# On Kubernetes in cluster mode, spark-submit must upload local files (the resolved experiment, and the jar unless it
# is a local:// path in the image) to a shared file system first; without one it fails after minutes of setup.
if [[ "$master" == k8s://* && "$deploy_mode" == cluster && "$user_conf" != *" spark.kubernetes.file.upload.path "* ]]
then
  echo "cluster.sh: Kubernetes cluster mode needs --conf spark.kubernetes.file.upload.path=<s3a://, hdfs://, ...>" \
    "to ship the resolved experiment to the driver pod" >&2
  exit 2
fi

# Build when the jar is missing or older than the sources (never submit a stale jar).
if [[ ! -f "$jar" || -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]]; then
  echo "[INFO] building the application jar (mvn package)..." >&2
  (cd "$root" && mvn -q -B -DskipTests package)
fi

java_options=()
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] || java_options+=("$line")
done < "$root/submit/java17-options"

# Resolve the experiment here, into one self-contained file for --files (a sweep resolves its trials itself).
resolved_dir="$root/target/submit"
mkdir -p "$resolved_dir"
resolved="$resolved_dir/$(basename "$experiment")"
if [[ "$command_name" == train ]]; then
  java "${java_options[@]}" -cp "$jar" io.lrsched.cli.Main config "$experiment" ${overrides[@]+"${overrides[@]}"} \
    > "$resolved.tmp"
  mv "$resolved.tmp" "$resolved"
fi

# ND4J keeps its arrays off the JVM heap: the container must hold heap + off-heap, and JavaCPP must know the limit.
to_mb() {
  local v=${1,,}
  v=${v%b}
  [[ "$v" =~ ^[0-9]+[mg]?$ ]] || { echo "cluster.sh: memory size '$1': use whole megabytes or gigabytes, like 4g or 3500m" >&2; exit 2; }
  case "$v" in *g) echo $(( ${v%g} * 1024 ));; *m) echo "${v%m}";; *) echo "$v";; esac
}
heap_mb=$(to_mb "$executor_memory")
offheap_mb=$(to_mb "${LRSCHED_EXECUTOR_OFFHEAP:-$executor_memory}")
nd4j_options="-Dorg.bytedeco.javacpp.maxbytes=${offheap_mb}m -Dorg.bytedeco.javacpp.maxphysicalbytes=$((heap_mb + offheap_mb + 512))m"
jvm_options="${java_options[*]} -Dorg.eclipse.deeplearning4j.helpers.disable=false"

conf_args=()
add_conf() { [[ "$user_conf" == *" $1 "* ]] || conf_args+=(--conf "$1=$2"); }
add_conf spark.driver.extraJavaOptions "$jvm_options"
add_conf spark.executor.extraJavaOptions "$jvm_options $nd4j_options"
add_conf spark.executor.memoryOverhead "$((offheap_mb + 1024))m"
# In cluster mode the driver runs in a container too; it holds the network (parameters, updater state, averaging).
[[ "$deploy_mode" == cluster ]] && add_conf spark.driver.memoryOverhead 1024m
# A second YARN attempt would train the whole run again, into a second run folder: a failed run fails once.
[[ "$master" == yarn ]] && add_conf spark.yarn.maxAppAttempts 1
add_conf spark.serializer org.apache.spark.serializer.KryoSerializer
add_conf spark.kryo.registrator io.lrsched.train.KryoSetup
# libgomp reads these at load time only, from the environment (docs/PERFORMANCE.md).
add_conf spark.executorEnv.OMP_WAIT_POLICY PASSIVE

# In cluster mode the driver finds --files in its working directory; in client mode it reads the local file.
experiment_arg="$resolved"
[[ "$deploy_mode" == cluster ]] && experiment_arg=$(basename "$resolved")

if [[ -n "${SPARK_SUBMIT:-}" ]]; then
  read -r -a submit <<< "$SPARK_SUBMIT"
elif [[ -n "${SPARK_HOME:-}" ]]; then
  submit=("$SPARK_HOME/bin/spark-submit")
else
  submit=(spark-submit)
fi

if [[ "$command_name" == sweep ]]; then
  app_args=(sweep "$experiment" ${overrides[@]+"${overrides[@]}"} ${sweep_args[@]+"${sweep_args[@]}"})
  files=()
else
  app_args=(train "$experiment_arg")
  files=(--files "$resolved")
fi
command=("${submit[@]}" --class io.lrsched.cli.Main --name "lrsched $(basename "$experiment" .conf)"
  --driver-memory "${LRSCHED_DRIVER_MEMORY:-4g}" --executor-memory "$executor_memory"
  ${files[@]+"${files[@]}"} "${conf_args[@]}" "${passthrough[@]}" "${LRSCHED_APP_JAR:-$jar}" "${app_args[@]}")

if $dry_run; then
  printf '%q ' "${command[@]}"
  echo
  exit 0
fi
exec "${command[@]}"
