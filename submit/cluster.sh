#!/usr/bin/env bash
# Submits an lrsched experiment to a Spark cluster with the spark-submit of any Spark 3.5 installation.
#
#   submit/cluster.sh EXPERIMENT.conf [spark-submit options] [--set key=value ...] [--dry-run]
#
# Examples:
#   SPARK_HOME=/opt/spark submit/cluster.sh conf/experiments/step.conf --master yarn --deploy-mode cluster \
#       --num-executors 8 --executor-cores 4 --executor-memory 8g --set data.path=hdfs:///data/cifar10.tar.gz
#   submit/cluster.sh conf/quickstart.conf --master spark://host:7077 --dry-run
#
# The experiment is resolved here (includes, environment variables, --set overrides) into one file that is shipped
# with --files, so the driver reads exactly what `lrsched config` prints. Everything that is not ours passes through
# to spark-submit. Environment: SPARK_HOME (its bin/spark-submit is used), SPARK_SUBMIT (a spark-submit command,
# overrides SPARK_HOME), LRSCHED_EXECUTOR_MEMORY (default 4g), LRSCHED_EXECUTOR_OFFHEAP (ND4J's off-heap arrays,
# default = executor memory), LRSCHED_DRIVER_MEMORY (default 4g).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$root/target/lrsched.jar"

usage() { sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 1 ]] || usage
experiment=$1
shift
[[ -f "$experiment" ]] || { echo "cluster.sh: $experiment: no such experiment file" >&2; exit 2; }

dry_run=false
deploy_mode=client
overrides=()
passthrough=()
user_conf=" "
while [[ $# -gt 0 ]]; do
  case "$1" in
    --set) [[ $# -ge 2 ]] || usage; overrides+=(--set "$2"); shift 2 ;;
    --set=*) overrides+=(--set "${1#--set=}"); shift ;;
    --dry-run) dry_run=true; shift ;;
    --deploy-mode) deploy_mode=$2; passthrough+=("$1" "$2"); shift 2 ;;
    --conf) user_conf+="${2%%=*} "; passthrough+=("$1" "$2"); shift 2 ;;
    *) passthrough+=("$1"); shift ;;
  esac
done

if [[ ! -f "$jar" ]]; then
  echo "[INFO] building the application jar (mvn package)..." >&2
  (cd "$root" && mvn -q -B -DskipTests package)
fi

java_options=()
while IFS= read -r line; do
  [[ -z "$line" || "$line" == \#* ]] || java_options+=("$line")
done < "$root/submit/java17-options"

# Resolve the experiment here, into one self-contained file for --files.
resolved_dir="$root/target/submit"
mkdir -p "$resolved_dir"
resolved="$resolved_dir/$(basename "$experiment")"
java "${java_options[@]}" -cp "$jar" io.lrsched.cli.Main config "$experiment" "${overrides[@]}" > "$resolved.tmp"
mv "$resolved.tmp" "$resolved"

# ND4J keeps its arrays off the JVM heap: the container must hold heap + off-heap, and JavaCPP must know the limit.
to_mb() { local v=${1,,}; case "$v" in *g) echo $(( ${v%g} * 1024 ));; *m) echo "${v%m}";; *) echo "$v";; esac; }
executor_memory=${LRSCHED_EXECUTOR_MEMORY:-4g}
for ((i = 0; i < ${#passthrough[@]}; i++)); do
  [[ "${passthrough[$i]}" == --executor-memory ]] && executor_memory=${passthrough[$((i + 1))]}
done
heap_mb=$(to_mb "$executor_memory")
offheap_mb=$(to_mb "${LRSCHED_EXECUTOR_OFFHEAP:-$executor_memory}")
nd4j_options="-Dorg.bytedeco.javacpp.maxbytes=${offheap_mb}m -Dorg.bytedeco.javacpp.maxphysicalbytes=$((heap_mb + offheap_mb + 512))m"
jvm_options="${java_options[*]} -Dorg.eclipse.deeplearning4j.helpers.disable=false"

conf_args=()
add_conf() { [[ "$user_conf" == *" $1 "* ]] || conf_args+=(--conf "$1=$2"); }
add_conf spark.driver.extraJavaOptions "$jvm_options"
add_conf spark.executor.extraJavaOptions "$jvm_options $nd4j_options"
add_conf spark.executor.memoryOverhead "$((offheap_mb + 1024))m"
add_conf spark.serializer org.apache.spark.serializer.KryoSerializer
add_conf spark.kryo.registrator io.lrsched.train.KryoSetup

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

command=("${submit[@]}" --class io.lrsched.cli.Main --name "lrsched $(basename "$experiment" .conf)"
  --driver-memory "${LRSCHED_DRIVER_MEMORY:-4g}" --executor-memory "$executor_memory"
  --files "$resolved" "${conf_args[@]}" "${passthrough[@]}" "$jar" train "$experiment_arg")

if $dry_run; then
  printf '%q ' "${command[@]}"
  echo
  exit 0
fi
exec "${command[@]}"
