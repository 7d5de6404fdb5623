#!/usr/bin/env bash
# Alternates neuralGLM's bench runner (src/bench/java, profile -Pbench) with the PyTorch reference
# scripts of ../shared/bench, round by round, and prints the ratios (scripts/cpython/bench_summary.py).
#
# Usage: scripts/bench_vs_torch.sh [rounds] [workloads]
#   rounds     default 3
#   workloads  comma list of notebook, large, kernel (the engine, with the Vector API module), weka
#              (through the Weka face: notebook and large workloads via NeuralGLM's IterativeClassifier
#              calls, 2 threads against two 1-thread builds side by side, batch prediction against
#              MultilayerPerceptron and Logistic; in Weka's default JVM and with the module; the notebook and
#              large workloads also with -precision float32)
#              (default notebook,large,kernel,weka)
# Needs Debian's PyTorch and NumPy on OpenBLAS: apt-get install -y python3-torch python3-numpy
# libopenblas0-pthread (run with /usr/bin/python3; the script stops when PyTorch is not on OpenBLAS),
# and the reference scripts in ../shared/bench (or TORCH_BENCH=dir).
# Raw JSON lines go to target/bench-vs-torch.jsonl. OPENBLAS_CORETYPE is set for the Python runs to the fastest
# core the CPU can run, by a short probe (SkylakeX with avx512f, Haswell with avx2, the environment's own;
# BENCH_CORETYPE=X forces X): see ../shared/bench/README.md.
# Every 1-thread run (PyTorch's process, neuralGLM's measuring thread: BenchMain --pin-cpu) is pinned to one CPU, the
# fastest by a short probe of PyTorch's large loop on each (BENCH_CPU=N forces N, BENCH_CPU=none pins nothing): the
# CPUs of a VM need not be equally fast (on a 2-vCPU AMD EPYC VM, 2026-12-04, vCPU 1 ran that loop in 0.55 s against
# vCPU 0's 0.32 s), and a ratio of two runs on different CPUs measures the CPUs. The 2-thread runs (the large
# engine workload with 2 threads, weka-large --pair's 2-thread builds) are not pinned; weka-large --pair's two
# 1-thread builds side by side run on CPUs 0 and 1 (WekaBench, --pin-pair).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
WORKLOADS=${2:-notebook,large,kernel,weka}
TORCH_BENCH=${TORCH_BENCH:-../shared/bench}
PY=/usr/bin/python3
OUT=target/bench-vs-torch.jsonl
DATA=target/bench-data

mvn -B -q -Pbench -DskipTests compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=compile
# Spark's netlib brings a .pom onto the classpath; Weka's class discovery opens every entry as a jar and prints a
# ZipException's stack trace for it
tr ':' '\n' < target/bench.classpath | grep -v '\.pom$' | paste -sd: > target/bench.classpath.jars
mv target/bench.classpath.jars target/bench.classpath
JAVA=(java -Xms1g -Xmx4g --add-modules jdk.incubator.vector
      -cp "target/classes:$(cat target/bench.classpath)" neuralglm.bench.BenchMain)
# Weka's default JVM: no flag, default heap and collector
JAVA_PLAIN=(java -cp "target/classes:$(cat target/bench.classpath)" neuralglm.bench.BenchMain)
# the same with the one flag the kernel note asks a user to add (no heap options: they are not in Weka's launch)
JAVA_VECTOR=(java --add-modules jdk.incubator.vector -cp "target/classes:$(cat target/bench.classpath)" neuralglm.bench.BenchMain)
# PyTorch at its best: OpenBLAS's core. BENCH_CORETYPE=X forces one. Otherwise every core the CPU can run (SkylakeX
# with avx512f, Haswell with avx2, and an OPENBLAS_CORETYPE already in the environment) runs the large workload's
# PyTorch loop, alternated twice, and the fastest is kept: an environment's setting is not always the best core (an
# AMD EPYC VM set Haswell, where SkylakeX ran the loop in 1.13-1.16 s against Haswell's 1.39-1.55 s).
probe_core() {
    OPENBLAS_CORETYPE=$1 "${PIN[@]}" "$PY" "$TORCH_BENCH/torch_large.py" --threads 1 --dtype float32 --reps 1 --epochs 2 \
        --variants notebook | grep '^{' | tail -1 | "$PY" -c 'import json, sys; print(json.loads(sys.stdin.read())["min_s"])'
}
if [ ! -f "$DATA/large_poisson.bin" ]; then "$PY" "$TORCH_BENCH/torch_large.py" --reps 0 --write-data "$DATA"; fi
# the CPU every 1-thread run is pinned to: BENCH_CPU, or the fastest at PyTorch's loop (each CPU probed twice, alternated)
PIN=()
CPU=${BENCH_CPU:-}
if [ "$CPU" != none ]; then
    if [ -z "$CPU" ]; then
        BEST_T=
        for pass in 1 2; do
            for c in $(seq 0 $(($(nproc) - 1))); do
                PIN=(taskset -c "$c")
                # with the widest kernels the CPU has (the asymmetry above was larger with SkylakeX's than Haswell's)
                t=$(probe_core "${BENCH_CORETYPE:-$(grep -qw avx512f /proc/cpuinfo && echo SkylakeX || echo "${OPENBLAS_CORETYPE:-}")}")
                echo "CPU probe: CPU $c $t s (PyTorch, large workload, 2 epochs, pinned)"
                if [ -z "$BEST_T" ] || "$PY" -c "import sys; sys.exit(0 if $t < $BEST_T else 1)"; then CPU=$c; BEST_T=$t; fi
            done
        done
    fi
    PIN=(taskset -c "$CPU")
    echo "1-thread runs pinned to CPU $CPU"
fi
# BenchMain's option for the same pinning of its measuring thread (empty when nothing is pinned)
JPIN=()
if [ ${#PIN[@]} -gt 0 ]; then JPIN=(--pin-cpu "$CPU"); fi
if [ -n "${BENCH_CORETYPE:-}" ]; then
    export OPENBLAS_CORETYPE=$BENCH_CORETYPE
else
    CANDIDATES=()
    if grep -qw avx512f /proc/cpuinfo; then CANDIDATES+=(SkylakeX); fi
    if grep -qw avx2 /proc/cpuinfo; then CANDIDATES+=(Haswell); fi
    if [ -n "${OPENBLAS_CORETYPE:-}" ] && [[ " ${CANDIDATES[*]} " != *" $OPENBLAS_CORETYPE "* ]]; then
        CANDIDATES+=("$OPENBLAS_CORETYPE")
    fi
    if [ ${#CANDIDATES[@]} -gt 1 ]; then
        BEST=; BEST_S=
        for pass in 1 2; do
            for c in "${CANDIDATES[@]}"; do
                s=$(probe_core "$c")
                echo "OpenBLAS core probe: $c $s s (PyTorch, large workload, 2 epochs)"
                if [ -z "$BEST_S" ] || "$PY" -c "import sys; sys.exit(0 if $s < $BEST_S else 1)"; then BEST=$c; BEST_S=$s; fi
            done
        done
        export OPENBLAS_CORETYPE=$BEST
    elif [ ${#CANDIDATES[@]} -eq 1 ]; then
        export OPENBLAS_CORETYPE=${CANDIDATES[0]}
    fi
fi
has() { [[ ",$WORKLOADS," == *",$1,"* ]]; }
tag() { grep '^{' | sed "s/^{/{\"round\":$1,/" >> "$OUT"; }
# a pinned run's lines also carry the CPU
tagp() { if [ ${#PIN[@]} -gt 0 ]; then grep '^{' | sed "s/^{/{\"pinned_cpu\":$CPU,/" | tag "$1"; else tag "$1"; fi; }

: > "$OUT"
echo "machine: $(nproc) cpus, load average $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
CORE=$(OPENBLAS_VERBOSE=2 "$PY" -c 'import torch; torch.ones(2, 2) @ torch.ones(2, 2)' 2>&1 | grep -m1 Core || true)
if [ -z "$CORE" ]; then
    # Debian's PyTorch on the reference BLAS (no libopenblas0-pthread) ran the large workload 6 times slower:
    # every ratio to it would be void (../shared/bench/README.md)
    echo "PyTorch does not run on OpenBLAS here (OPENBLAS_VERBOSE=2 printed no 'Core:' line): install it with" >&2
    echo "  apt-get install -y libopenblas0-pthread   (then check: update-alternatives --display libblas.so.3-x86_64-linux-gnu)" >&2
    exit 2
fi
echo "OpenBLAS core: $CORE (OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset})"
for r in $(seq 1 "$ROUNDS"); do
    echo "round $r / $ROUNDS ($(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg))"
    if has notebook; then
        "${JAVA[@]}" notebook --reps 3 --mlp-reps 0 --json "${JPIN[@]}" 2>/dev/null | tagp "$r"
        "${PIN[@]}" "$PY" "$TORCH_BENCH/torch_seed.py" --threads 1 --dtype float32 --reps 3 --variants notebook | tagp "$r"
    fi
    if has large; then
        "${JAVA[@]}" large --data "$DATA" --threads 1 --reps 1 "${JPIN[@]}" 2>/dev/null | tagp "$r"
        "${PIN[@]}" "$PY" "$TORCH_BENCH/torch_large.py" --threads 1 --dtype float32 --reps 1 --variants notebook | tagp "$r"
        "${JAVA[@]}" large --data "$DATA" --threads 2 --reps 1 2>/dev/null | tag "$r"
    fi
    if has weka; then
        for J in plain vector; do
            if [ $J = plain ]; then JJ=("${JAVA_PLAIN[@]}"); else JJ=("${JAVA_VECTOR[@]}"); fi
            "${JJ[@]}" weka-notebook --reps 3 "${JPIN[@]}" 2>/dev/null | tagp "$r"
            # 1 thread (pinned), then 2 threads against two 1-thread builds side by side (not pinned)
            "${JJ[@]}" weka-large --data "$DATA" --reps 3 "${JPIN[@]}" 2>/dev/null | tagp "$r"
            "${JJ[@]}" weka-large --data "$DATA" --reps 3 --pair 2>/dev/null | tag "$r"
            # the same two workloads with -precision float32, side by side
            "${JJ[@]}" weka-notebook --reps 3 --precision float32 "${JPIN[@]}" 2>/dev/null | tagp "$r"
            "${JJ[@]}" weka-large --data "$DATA" --reps 3 --precision float32 "${JPIN[@]}" 2>/dev/null | tagp "$r"
            "${JJ[@]}" weka-predict --data "$DATA" --reps 3 "${JPIN[@]}" 2>/dev/null | tagp "$r"
        done
        "${PIN[@]}" "$PY" "$TORCH_BENCH/torch_seed.py" --threads 1 --dtype float32 --reps 3 --variants notebook | tagp "$r"
        "${PIN[@]}" "$PY" "$TORCH_BENCH/torch_large.py" --threads 1 --dtype float32 --reps 1 --variants notebook | tagp "$r"
    fi
    if has kernel; then
        "${JAVA[@]}" kernel --reps 9 --json "${JPIN[@]}" 2>/dev/null | tagp "$r"
        "${PIN[@]}" "$PY" scripts/cpython/bench_numpy_gemm.py --reps 9 | tagp "$r"
    fi
done
"$PY" scripts/cpython/bench_summary.py "$OUT"
