#!/usr/bin/env bash
# Alternates neuralGLM's bench runner (src/bench/java, profile -Pbench) with the PyTorch reference
# scripts of ../shared/bench, round by round, and prints the ratios (scripts/cpython/bench_summary.py).
#
# Usage: scripts/bench_vs_torch.sh [rounds] [workloads]
#   rounds     default 3
#   workloads  comma list of notebook, large, kernel (default notebook,large,kernel)
# Needs Debian's PyTorch and NumPy: apt-get install -y python3-torch python3-numpy (run with
# /usr/bin/python3), and the reference scripts in ../shared/bench (or TORCH_BENCH=dir).
# Raw JSON lines go to target/bench-vs-torch.jsonl. Java runs with the Vector API module.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
WORKLOADS=${2:-notebook,large,kernel}
TORCH_BENCH=${TORCH_BENCH:-../shared/bench}
PY=/usr/bin/python3
OUT=target/bench-vs-torch.jsonl
DATA=target/bench-data

mvn -B -q -Pbench -DskipTests compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=compile
JAVA=(java -Xms1g -Xmx4g --add-modules jdk.incubator.vector
      -cp "target/classes:$(cat target/bench.classpath)" neuralglm.bench.BenchMain)
has() { [[ ",$WORKLOADS," == *",$1,"* ]]; }
tag() { grep '^{' | sed "s/^{/{\"round\":$1,/" >> "$OUT"; }

if has large && [ ! -f "$DATA/large_poisson.bin" ]; then
    "$PY" "$TORCH_BENCH/torch_large.py" --reps 0 --write-data "$DATA"
fi
: > "$OUT"
echo "machine: $(nproc) cpus, load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
for r in $(seq 1 "$ROUNDS"); do
    echo "round $r / $ROUNDS ($(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg))"
    if has notebook; then
        "${JAVA[@]}" notebook --reps 3 --mlp-reps 0 --json 2>/dev/null | tag "$r"
        "$PY" "$TORCH_BENCH/torch_seed.py" --threads 1 --dtype float32 --reps 3 --variants notebook | tag "$r"
    fi
    if has large; then
        "${JAVA[@]}" large --data "$DATA" --threads 1 --reps 1 2>/dev/null | tag "$r"
        "$PY" "$TORCH_BENCH/torch_large.py" --threads 1 --dtype float32 --reps 1 --variants notebook | tag "$r"
        "${JAVA[@]}" large --data "$DATA" --threads 2 --reps 1 2>/dev/null | tag "$r"
    fi
    if has kernel; then
        "${JAVA[@]}" kernel --reps 9 --json 2>/dev/null | tag "$r"
        "$PY" scripts/cpython/bench_numpy_gemm.py --reps 9 | tag "$r"
    fi
done
"$PY" scripts/cpython/bench_summary.py "$OUT"
