#!/usr/bin/env bash
# neuralGLM on Apache Spark in local mode, with plain `java -cp` (no Spark installation, no spark-submit):
# Spark's jars come from Maven's cache (the pom's `provided` scope), never from the Weka zip.
#
#   scripts/spark_local.sh example [threads]           writes a small Poisson CSV (target/spark_example.csv),
#                                                       trains on it in local[threads] (default 2), saves the model
#   scripts/spark_local.sh train --input t.csv --features a,b --label y --family Poisson [...]
#                                                       neuralglm.spark.SparkTrain (options in its javadoc)
#   scripts/spark_local.sh weka [model] [data]          the saved model as a Weka model file (ImportTabularModel, header
#                                                       of the data file), then weka.Run NeuralGLM -l <it> -T <data>
#                                                       (default: the example's target/spark_example.model and .csv)
#   scripts/spark_local.sh bench [rows] [epochs] [rounds]  throughput local[1] vs local[2] on rows x 20 Poisson rows
#                                                       (default 1000000, 5 epochs, best of 2 rounds), per-step overhead
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-example}
shift || true

mvn -q -B -Dstyle.color=never -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/spark.classpath >&2
source scripts/lib/spark_flags.sh   # FLAGS: the JVM options Spark needs on Java 17
export SPARK_LOCAL_IP=127.0.0.1   # local mode: the driver listens on the loopback interface only
JAVA=(java -Xms1g -Xmx6g "${FLAGS[@]}" -Dspark.ui.enabled=false -Dspark.driver.host=127.0.0.1
  -Dspark.driver.bindAddress=127.0.0.1 -Dlog4j2.configurationFile=src/test/resources/log4j2-test.properties
  -cp "target/classes:target/test-classes:$(cat target/spark.classpath)")

case "$mode" in
  example)
    threads=${1:-2}
    csv=target/spark_example.csv
    # 5000 rows: x1 ~ N(0,1) (5% missing), x2 ~ U(0,10), colour in {red, green, blue} (5% missing),
    # count ~ Poisson(exp(0.2 + 0.5 x1 - 0.05 x2 + 0.4 [colour = red]))
    awk 'BEGIN { srand(7); print "x1,x2,colour,count";
      split("red,green,blue", cs, ",");
      for (i = 0; i < 5000; i++) {
        x1 = sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand()); x2 = 10 * rand();
        c = cs[1 + int(3 * rand())];
        mu = exp(0.2 + 0.5 * x1 - 0.05 * x2 + (c == "red" ? 0.4 : 0));
        k = 0; p = rand(); while (p > exp(-mu)) { k++; p *= rand() }
        printf "%s,%.6f,%s,%d\n", (rand() < 0.05 ? "" : sprintf("%.6f", x1)), x2, (rand() < 0.05 ? "" : c), k } }' > "$csv"
    exec "${JAVA[@]}" neuralglm.spark.SparkTrain --master "local[$threads]" --input "$csv" \
      --features x1,x2,colour --label count --family Poisson --optimizer lbfgs --epochs 100 \
      --partitions 4 --save target/spark_example.model
    ;;
  train)
    exec "${JAVA[@]}" neuralglm.spark.SparkTrain "$@"
    ;;
  bench)
    exec "${JAVA[@]}" neuralglm.spark.SparkBench "$@"
    ;;
  weka)
    model=${1:-target/spark_example.model}
    data=${2:-target/spark_example.csv}
    # Weka needs no Spark: plain java with the jars only (Weka's class discovery cannot read a pom entry)
    WEKA=(java -cp "target/classes:$(tr ':' '\n' < target/spark.classpath | grep '\.jar$' | paste -sd:)")
    "${WEKA[@]}" weka.Run ImportTabularModel -model "$model" -header "$data" -d "${model%.model}.weka.model"
    exec "${WEKA[@]}" weka.Run NeuralGLM -l "${model%.model}.weka.model" -T "$data"
    ;;
  *)
    echo "usage: scripts/spark_local.sh example [threads] | train <SparkTrain options> | weka [model] [data] | bench [rows] [epochs] [rounds]" >&2
    exit 2
    ;;
esac
