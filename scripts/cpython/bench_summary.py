"""Summarises target/bench-vs-torch.jsonl (written by scripts/bench_vs_torch.sh): for each round,
the ratio of PyTorch's time to neuralGLM's (> 1: neuralGLM faster), then the median over rounds.
Usage: /usr/bin/python3 scripts/cpython/bench_summary.py target/bench-vs-torch.jsonl
"""
import json, statistics, sys
from collections import defaultdict

rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
by = defaultdict(dict)
for r in rows:
    by[r["round"]].setdefault(r["bench"], []).append(r)
# bench_vs_torch.sh pins every 1-thread run to one CPU (the lines carry "pinned_cpu"); the 2-thread runs are not pinned
pinned = sorted({r["pinned_cpu"] for r in rows if "pinned_cpu" in r})
print("1-thread runs pinned to CPU %s" % ", ".join(map(str, pinned)) if pinned else "1-thread runs not pinned to a CPU")


def one_thread(r):
    """Whether r is a 1-thread measurement to compare with PyTorch's (pinned, when the run pinned them)."""
    return not pinned or "pinned_cpu" in r


def label(r):
    """The kernels, with /f32 for a -precision float32 run."""
    return r["kernels"] + ("/f32" if r.get("precision") == "float32" else "")


def med(v):
    return statistics.median(v) if v else float("nan")


print("\n== notebook workload (5000 full-batch steps, 400 rows): us/step, medians per round; torch float32 1 thread")
ratios = defaultdict(list)
for rnd, b in sorted(by.items()):
    ours = {r["family"]: r for r in b.get("neuralglm_notebook", [])}
    torch = {r["family"]: r for r in b.get("torch_seed", []) if r.get("variant") == "notebook"}
    for fam in ours:
        if fam in torch:
            q = torch[fam]["median_s"] / ours[fam]["median_s"]
            ratios[fam].append(q)
            print("round %d %-12s neuralGLM %6.1f us/step (NLL %.6f, %.0f B/step, cpu/wall %.2f)  torch %6.1f us/step (NLL %.6f, cpu/wall %.2f)  torch/ours %.2fx"
                  % (rnd, fam, ours[fam]["us_per_step"], ours[fam]["final_mean_nll"], ours[fam]["allocated_bytes_per_step"],
                     ours[fam]["cpu_over_wall"], torch[fam]["us_per_step"], torch[fam]["final_mean_nll"], torch[fam]["cpu_over_wall"], q))
for fam, q in ratios.items():
    print("  %-12s torch/ours median over %d rounds: %.2fx (min %.2f, max %.2f)" % (fam, len(q), med(q), min(q), max(q)))

print("\n== large workload (Poisson 200k x 20, 20-64-64-1, batch 256, 5 epochs): examples/s")
r1, r2 = [], []
for rnd, b in sorted(by.items()):
    ours = {r["threads"]: r for r in b.get("neuralglm_large", [])}
    torch = [r for r in b.get("torch_large", []) if r.get("variant") == "notebook"]
    if 1 in ours and torch:
        q = ours[1]["examples_per_s"] / torch[0]["examples_per_s"]
        r1.append(q)
        line = "round %d neuralGLM 1 thread %.0f ex/s (NLL %.6f, cpu/wall %.2f)  torch f32 1 thread %.0f ex/s (NLL %.6f, cpu/wall %.2f)  ours/torch %.2fx" % (
            rnd, ours[1]["examples_per_s"], ours[1]["final_mean_nll"], ours[1]["cpu_over_wall"], torch[0]["examples_per_s"],
            torch[0]["final_mean_nll_per_rep"][-1], torch[0]["cpu_over_wall"], q)
        if 2 in ours:
            s = ours[2]["examples_per_s"] / ours[1]["examples_per_s"]
            r2.append(s)
            line += "  | 2 threads %.0f ex/s (NLL %.6f, cpu/wall %.2f), speed-up %.2fx" % (
                ours[2]["examples_per_s"], ours[2]["final_mean_nll"], ours[2]["cpu_over_wall"], s)
        print(line)
if r1:
    print("  ours/torch median %.2fx over %d rounds; 1->2 thread speed-up median %s" % (
        med(r1), len(r1), "%.2fx" % med(r2) if r2 else "n/a"))

print("\n== GEMM kernels, float64 1 thread: median GFLOP/s (median over rounds)")
k = defaultdict(lambda: defaultdict(list))
for rnd, b in sorted(by.items()):
    for r in b.get("neuralglm_kernel", []):
        k[(r["shape"], r["product"])]["ours"].append(r["median_gflops"])
    for r in b.get("numpy_gemm", []):
        k[(r["shape"], r["product"])]["numpy"].append(r["median_gflops"])
for (shape, prod), v in k.items():
    o, n = med(v["ours"]), med(v["numpy"])
    print("  %-14s %-8s neuralGLM %6.2f  numpy/OpenBLAS %6.2f  ours/numpy %.2f" % (shape, prod, o, n, o / n))

print("\n== through the Weka face (NeuralGLM's IterativeClassifier calls, as buildClassifier); 'plain' = Weka's default JVM (which loads the Vector API module at run time for 64-unit layers since 2026-12-04), 'vector' = --add-modules jdk.incubator.vector")
nb = defaultdict(list)
lg = defaultdict(lambda: defaultdict(list))
pr = defaultdict(lambda: defaultdict(list))
for rnd, b in sorted(by.items()):
    torch_nb = {r["family"]: r for r in b.get("torch_seed", []) if r.get("variant") == "notebook"}
    torch_lg = [r for r in b.get("torch_large", []) if r.get("variant") == "notebook"]
    total = defaultdict(lambda: [0.0, 0.0, 0])
    for r in b.get("weka_notebook", []):
        t = torch_nb.get(r["family"])
        lab = label(r)
        if t:
            nb[(lab, r["family"])].append(r["median_s"] / t["median_s"])
            total[lab][0] += r["median_s"]
            total[lab][1] += t["median_s"]
            total[lab][2] += 1
            if "cpu_s" in r and t.get("cpu_over_wall"):
                nb[(lab, r["family"], "cpu")].append(statistics.median(r["cpu_s"]) / (t["median_s"] * t["cpu_over_wall"]))
    for lab, (ours, theirs, count) in total.items():
        if count == 3:
            nb[(lab, "3 families")].append(ours / theirs)
    for r in b.get("weka_large", []):
        k = lg[label(r)]
        if "two_over_ceiling_median" in r:
            # the 2-thread run (not pinned): its 2-thread figures only
            k["2 threads / ceiling"].append(r["two_over_ceiling_median"])
            k["epochs alone: 2 threads / ceiling"].append(r["epochs_two_over_ceiling_median"])
            if "two_over_slower_ceiling_median" in r:
                k["pair's slower / faster build"].append(r["pair_slow_over_fast_median"])
                k["2 threads / twice the slower build"].append(r["two_over_slower_ceiling_median"])
            if "core_round_trip_ns" in r:
                # the cores' distance measured right after the pair (CoreExchange): the 2-thread ratio follows it
                k["cores' round trip ns"].append(r["core_round_trip_ns"])
                k["2-thread exchange us/step"].append(r["core_exchange_step_us"])
            if not pinned:
                k["fixed share"].append(r["fixed_share_median"])
            continue
        if not one_thread(r):
            continue
        if torch_lg:
            k["ours/torch"].append(r["examples_per_s"] / torch_lg[-1]["examples_per_s"])
            if r.get("cpu_over_wall") and torch_lg[-1].get("cpu_over_wall"):
                k["ours/torch per CPU second"].append(r["examples_per_s"] / r["cpu_over_wall"]
                                                      / (torch_lg[-1]["examples_per_s"] / torch_lg[-1]["cpu_over_wall"]))
        k["fixed share"].append(r["fixed_share_median"])
        if r.get("fault_free_builds"):
            k["fixed share, builds without page faults"].append(r["fixed_share_fault_free_median"])
        if r.get("precision") == "float32":
            continue
        k["peak RSS - RSS after data (MB)"].append(r["peak_rss_mb"] - r["rss_after_data_mb"])
        k["data MB"].append(r["data_mb"])
    for r in b.get("weka_predict", []):
        pr[r["kernels"]]["NeuralGLM/MLP"].append(r["glm_over_mlp"])
        pr[r["kernels"]]["NeuralGLM/Logistic"].append(r["glm_over_logistic"])
for key, q in sorted(nb.items()):
    what = "CPU time" if len(key) == 3 else "wall time"
    print("  notebook %-7s %-12s NeuralGLM / torch f32 1 thread, %-9s: median %.2f over %d rounds (min %.2f, max %.2f)" % (key[0], key[1], what, med(q), len(q), min(q), max(q)))
for kern, k in sorted(lg.items()):
    print("  large    %-7s " % kern + ";  ".join("%s %.3g" % (name, med(v)) for name, v in k.items()))
for kern, k in sorted(pr.items()):
    print("  predict  %-7s distributionsForInstances instances/s ratios: " % kern + ";  ".join("%s %.2fx" % (name, med(v)) for name, v in k.items()))
