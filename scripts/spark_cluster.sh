#!/usr/bin/env bash
# A real Spark standalone cluster on the loopback interface, in one command: one master and two workers in
# JVMs of their own (one core each), executors launched by the workers in JVMs of their own, the jobs
# submitted with SparkSubmit. No Spark installation: Spark's jars come from Maven's cache, and
# target/spark-home/jars links them (all a Worker needs to launch executors).
#
#   scripts/spark_cluster.sh [rows] [epochs]   the engine's CLI (neuralglm.spark.SparkTrain): a Poisson GLM,
#                                              default 200000 rows, 20 L-BFGS epochs, on the cluster and then in
#                                              local[2], the two models compared
#   scripts/spark_cluster.sh ml                the Spark ML face as a Spark ML user meets it
#                                              (neuralglm.spark.SparkMlClusterCheck, test sources shipped as a jar of
#                                              their own): job 1 on the cluster, job 2 in local[2] reusing its saved
#                                              models and refitting; one PASS/FAIL line per check, exit status 1 when
#                                              a check failed
#
# Default mode: prints both runs' times, rows x epochs per second, and whether the models are equal bit for bit
# (the --partitions layout is canonical, so the cluster and local[2] see the same partitions). Logs, models and
# outputs are in target/spark-cluster/. The master, workers and executors are stopped at the end (by their
# process ids).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=engine
if [ "${1:-}" = ml ]; then
  mode=ml
  shift
fi
rows=${1:-200000}
epochs=${2:-20}
root=$(pwd)
out=$root/target/spark-cluster
rm -rf "$out"
mkdir -p "$out"

mvn -q -B -Dstyle.color=never -DskipTests package >&2
# Spark's own jars: the dependencies (any scope: jackson-databind is pinned at test scope) of the groups the pom
# keeps off Weka's classpath, plus the one Spark shares with Weka: net.sourceforge.f2j (arpack_combined_all, whose
# org.netlib.util classes spark-mllib's LAPACK calls need: GeneralizedLinearRegression's Cholesky solve)
groups=$(sed -n 's:.*<weka.classpath.excludeGroupIds>\(at\.yawk[^<]*\)</weka.classpath.excludeGroupIds>.*:\1:p' pom.xml)
groups=$groups,net.sourceforge.f2j
mvn -q -B -Dstyle.color=never dependency:build-classpath -DincludeScope=test \
    -DincludeGroupIds="$groups" -Dmdep.outputFile="$out/spark.classpath" >&2
mvn -q -B -Dstyle.color=never dependency:build-classpath -DincludeScope=compile \
    -DincludeGroupIds=org.ejml -Dmdep.outputFile="$out/ejml.classpath" >&2
home=$root/target/spark-home
rm -rf "$home"
mkdir -p "$home/jars"
# (the classpath file has no final newline: without the echo, read would drop its last jar)
{ tr ':' '\n' < "$out/spark.classpath"; echo; } | while read -r jar; do [ -z "$jar" ] || ln -s "$jar" "$home/jars/"; done
ejml=$(cat "$out/ejml.classpath")
app=$root/target/neuralGLM-0.1.0.jar

source "$root/scripts/lib/spark_flags.sh"   # FLAGS: the JVM options Spark needs on Java 17
# SPARK_SCALA_VERSION: without it the launcher looks for a Spark source build to learn the Scala version
export SPARK_HOME=$home SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR=$out SPARK_SCALA_VERSION=2.13
LOG=(-Dlog4j2.configurationFile="$root/src/test/resources/log4j2-test.properties")

pids=()
stop() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT

port=$((20000 + RANDOM % 20000))
java -Xmx256m "${FLAGS[@]}" -cp "$home/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port 0 > "$out/master.log" 2>&1 &
pids+=($!)
for w in 1 2; do
  java -Xmx256m "${FLAGS[@]}" -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory 1500m --webui-port 0 --work-dir "$out/work$w" \
    "spark://127.0.0.1:$port" > "$out/worker$w.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 1 120); do
  [ "$(grep -c 'Registering worker' "$out/master.log" 2>/dev/null || true)" -ge 2 ] && break
  sleep 1
done
[ "$(grep -c 'Registering worker' "$out/master.log" || true)" -ge 2 ] || { echo "workers did not register; see $out" >&2; exit 1; }
echo "cluster: master spark://127.0.0.1:$port, 2 workers (1 core each)"

SUBMIT=(java -Xmx1g "${FLAGS[@]}" "${LOG[@]}" -cp "$home/jars/*" org.apache.spark.deploy.SparkSubmit
  --conf spark.driver.host=127.0.0.1 --conf spark.ui.enabled=false)
CLUSTER=(--master "spark://127.0.0.1:$port" --conf spark.executor.memory=1g --conf spark.executor.cores=1
  --conf "spark.executor.extraJavaOptions=${FLAGS[*]}")

if [ "$mode" = ml ]; then
  # the check (test sources) in a jar of its own, the application jar; the engine and EJML with --jars
  check=$out/ml-check.jar
  (cd target/test-classes && jar cf "$check" neuralglm/spark/SparkMlClusterCheck*.class neuralglm/spark/GlrAgreement*.class)
  status=0
  echo "== job 1: fit on the cluster (SparkSubmit, 2 executors)"
  "${SUBMIT[@]}" "${CLUSTER[@]}" --jars "$app,${ejml//:/,}" --class neuralglm.spark.SparkMlClusterCheck "$check" \
    fit "$out/ml" 2> "$out/ml-fit-driver.log" | tee "$out/ml-fit.out" || status=1
  echo "== job 2: reuse in local[2] (SparkSubmit): load the cluster's models, refit, compare"
  "${SUBMIT[@]}" --master "local[2]" --jars "$app,${ejml//:/,}" --class neuralglm.spark.SparkMlClusterCheck "$check" \
    reuse "$out/ml" 2> "$out/ml-reuse-driver.log" | tee "$out/ml-reuse.out" || status=1
  fails=$(cat "$out/ml-fit.out" "$out/ml-reuse.out" | grep -c '^FAIL' || true)
  passes=$(cat "$out/ml-fit.out" "$out/ml-reuse.out" | grep -c '^PASS' || true)
  if [ "$status" -ne 0 ] || [ "$fails" -ne 0 ]; then
    echo "Spark ML check: FAIL ($passes passed, $fails failed; exit status of a job non-zero: $status; logs in $out)"
    exit 1
  fi
  echo "Spark ML check: PASS ($passes checks; logs in $out)"
  exit 0
fi

# rows x (x1 ~ N(0,1), x2 ~ U(0,10), colour in {red, green, blue}), count ~ Poisson(exp(0.2 + 0.5 x1 - 0.05 x2 + 0.4 [red]))
data=$out/data.csv
awk -v n="$rows" 'BEGIN { srand(11); print "x1,x2,colour,count"; split("red,green,blue", cs, ",");
  for (i = 0; i < n; i++) {
    x1 = sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand()); x2 = 10 * rand(); c = cs[1 + int(3 * rand())];
    mu = exp(0.2 + 0.5 * x1 - 0.05 * x2 + (c == "red" ? 0.4 : 0)); k = 0; p = rand(); while (p > exp(-mu)) { k++; p *= rand() }
    printf "%.6f,%.6f,%s,%d\n", x1, x2, c, k } }' > "$data"
TRAIN=(--input "$data" --schema "x1 DOUBLE, x2 DOUBLE, colour STRING, count INT" --features x1,x2,colour
  --label count --family Poisson --optimizer lbfgs --epochs "$epochs" --partitions 4)

echo "== cluster (SparkSubmit, 2 executors)"
"${SUBMIT[@]}" "${CLUSTER[@]}" --jars "${ejml//:/,}" --class neuralglm.spark.SparkTrain "$app" "${TRAIN[@]}" --save "$out/cluster.json" \
  2> "$out/cluster-driver.log" | tee "$out/cluster.out"

echo "== local[2]"
java -Xmx1g "${FLAGS[@]}" "${LOG[@]}" -Dspark.ui.enabled=false -Dspark.driver.host=127.0.0.1 \
  -cp "$home/jars/*:$app:$ejml" neuralglm.spark.SparkTrain --master "local[2]" "${TRAIN[@]}" --save "$out/local.json" \
  2> "$out/local-driver.log" | tee "$out/local.out"

python3 - "$out" "$rows" <<'EOF'
import json, re, sys
out, rows = sys.argv[1], int(sys.argv[2])
models = {k: json.load(open(f"{out}/{k}.json")) for k in ("cluster", "local")}
def params(m):
    return [v for layer in m["network"] if layer["type"] == "Linear" for v in layer["weight"] + layer["bias"]]
pc, pl = params(models["cluster"]), params(models["local"])
diff = max(abs(a - b) for a, b in zip(pc, pl))
same = pc == pl and models["cluster"]["training"]["lossTrace"] == models["local"]["training"]["lossTrace"]
print(f"models equal bit for bit: {same} (max |parameter difference| {diff:.3g})")
for k in ("cluster", "local"):
    t = re.search(r"trained in ([0-9.]+) s: (\d+) epochs", open(f"{out}/{k}.out").read())
    secs, ep = float(t.group(1)), int(t.group(2))
    print(f"{k:8s}: {secs:6.1f} s for {ep} epochs, {rows * ep / secs:,.0f} rows x epochs / s")
EOF
