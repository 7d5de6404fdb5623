package neuralglm.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import neuralglm.family.Family;
import neuralglm.nn.Sequential;
import neuralglm.optim.SgdOptimizer;
import neuralglm.train.Trainer;
import neuralglm.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;

/**
 * The notebook workload: for each family, full-batch SGD at lr 0.2 for 5000 steps on 400 rows, net
 * 1-30-20-k ReLU, timed from the call of {@link Trainer#fit} to its report of the last step; alternated run by run with Weka's
 * MultilayerPerceptron ({@value WekaMlp#OPTIONS}) on the same data.
 *
 * <p>Options: {@code --reps R} (our runs per family, default 5), {@code --mlp-reps M} (default 3; 0 skips
 * MLP), {@code --steps S} (default 5000), {@code --threads T} (default 1), {@code --families a,b},
 * {@code --json} (one JSON line per family, for scripts). One untimed warm-up fit per family precedes
 * the timed runs.
 */
final class NotebookBench {

    private NotebookBench() {
    }

    static void run(BenchArgs a) throws Exception {
        final int reps = a.integer("reps", 5), mlpReps = a.integer("mlp-reps", 3), steps = a.integer("steps", 5000);
        final int threads = a.integer("threads", 1);
        final boolean json = a.flag("json");
        precision = neuralglm.nn.Precision.byName(a.string("precision", "float64"));
        final List<String> fams = a.list("families", NotebookData.FAMILIES);
        final NotebookData d = NotebookData.load();
        if (!json) {
            System.out.printf(Locale.ROOT, "notebook workload: %d rows (%s), net 1-30-20-k ReLU, full-batch SGD lr 0.2, %d steps, %d thread(s)%n",
                    d.rows(), d.source, steps, threads);
            System.out.printf(Locale.ROOT, "kernels: %s; java %s, %d cpus; runs alternate ours / MLP; timed: Trainer.fit up to the last step vs MultilayerPerceptron.buildClassifier%n",
                    neuralglm.linalg.Kernels.vectorised() ? "Vector API" : "scalar", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        }
        for (String fam : fams) {
            fit(d, fam, Math.min(steps, 500), threads); // warm-up (JIT)
        }
        final int maxReps = Math.max(reps, mlpReps);
        final double[][] ours = new double[fams.size()][reps], mlp = new double[fams.size()][mlpReps];
        final double[] ourNll = new double[fams.size()], mlpNll = new double[fams.size()];
        final double[] allocPerStep = new double[fams.size()], cpuOverWall = new double[fams.size()];
        final int[] clamped = new int[fams.size()];
        for (int r = 0; r < maxReps; r++) {
            for (int f = 0; f < fams.size(); f++) {
                if (r < reps) {
                    final Run run = fit(d, fams.get(f), steps, threads);
                    ours[f][r] = run.seconds;
                    ourNll[f] = run.nll;
                    cpuOverWall[f] += run.cpuOverWall / reps;
                    allocPerStep[f] = run.allocatedBytes / (double) Math.max(1, run.steadySteps);
                }
                if (r < mlpReps) {
                    final WekaMlp m = WekaMlp.run(d, fams.get(f), steps);
                    mlp[f][r] = m.seconds;
                    mlpNll[f] = m.meanNll;
                    clamped[f] = m.clamped;
                }
            }
        }
        if (!json) {
            System.out.printf(Locale.ROOT, "%-12s %-10s %9s %9s %9s %10s %12s %11s%n",
                    "family", "model", "min s", "median s", "max s", "us/step", "final NLL", "MLP/ours");
        }
        for (int f = 0; f < fams.size(); f++) {
            final Stats o = new Stats(ours[f]);
            final Stats m = mlpReps > 0 ? new Stats(mlp[f]) : null;
            if (json) {
                System.out.printf(Locale.ROOT, "{\"bench\":\"neuralglm_notebook\",\"precision\":\"" + precision + "\",\"family\":\"%s\",\"threads\":%d,\"steps\":%d,"
                                + "\"times_s\":%s,\"min_s\":%.6f,\"median_s\":%.6f,\"max_s\":%.6f,\"us_per_step\":%.3f,"
                                + "\"final_mean_nll\":%.10f,\"allocated_bytes_per_step\":%.1f,\"cpu_over_wall\":%.3f%s}%n",
                        fams.get(f), threads, steps, arr(ours[f]), o.min, o.median, o.max, 1e6 * o.median / steps, ourNll[f],
                        allocPerStep[f], cpuOverWall[f], m == null ? "" : String.format(Locale.ROOT,
                                ",\"mlp_median_s\":%.6f,\"mlp_final_mean_nll\":%.10f", m.median, mlpNll[f]));
                continue;
            }
            System.out.printf(Locale.ROOT, "%-12s %-10s %9.3f %9.3f %9.3f %10.1f %12.6f %11s%n", fams.get(f), "neuralGLM",
                    o.min, o.median, o.max, 1e6 * o.median / steps, ourNll[f], "");
            if (m != null) {
                System.out.printf(Locale.ROOT, "%-12s %-10s %9.3f %9.3f %9.3f %10.1f %12.6f %10.1fx%s%n", "", "Weka MLP",
                        m.min, m.median, m.max, 1e6 * m.median / steps, mlpNll[f], m.median / o.median,
                        clamped[f] > 0 ? "  (" + clamped[f] + " predictions <= 0 clamped to 1e-12)" : "");
            }
        }
        if (!json) {
            System.out.printf(Locale.ROOT, "process CPU time / wall time over our timed runs: %s%n", arr(cpuOverWall));
            System.out.printf(Locale.ROOT, "runs: ours %d, MLP %d per family; bytes allocated per step after the first fifth of the steps (calling thread; ThreadMXBean): %s%n",
                    reps, mlpReps, arr(allocPerStep));
            System.out.println("NLL: mean over rows, constants dropped (Gaussian 0.5(y-eta)^2, categorical logsumexp(eta)-eta_y, "
                    + "Poisson exp(eta)-y eta); MLP's from its predictions (it normalises x and numeric classes, and "
                    + "fits Poisson counts by squared error).");
        }
    }

    static final class Run {
        double seconds;
        double nll;
        long allocatedBytes;
        int steadySteps;
        double cpuOverWall;
    }

    /** The arithmetic of the training passes ({@code --precision float64|float32}, default float64). */
    static neuralglm.nn.Precision precision = neuralglm.nn.Precision.FLOAT64;

    static Run fit(NotebookData d, String fam, int steps, int threads) {
        final Sequential net = d.net(fam);
        final Family family = NotebookData.family(fam);
        final DMatrixRMaj x = d.inputs(), y = d.targets(fam);
        final long[] end = new long[1], alloc = new long[2], cpu = new long[1];
        final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long tid = Thread.currentThread().getId();
        // timed up to the last step (as torch_seed.py times its loop), not the final full forward pass;
        // allocation counted from the end of the first fifth of the steps (after buffers are sized) to the last
        final int every = Math.max(1, steps / 5);
        final Trainer trainer = new Trainer(steps).withThreads(threads).withPrecision(precision).withProgress(every, (e, loss) -> {
            end[0] = System.nanoTime();
            cpu[0] = os.getProcessCpuTime();
            alloc[e + 1 == every ? 0 : 1] = mx.getThreadAllocatedBytes(tid);
        });
        final long c0 = os.getProcessCpuTime();
        final long t0 = System.nanoTime();
        final TrainingResult r = trainer.fit(net, family, new SgdOptimizer(0.2), x, y, null);
        final Run run = new Run();
        run.seconds = (end[0] - t0) * 1e-9;
        run.cpuOverWall = (cpu[0] - c0) / (double) (end[0] - t0);
        run.allocatedBytes = alloc[1] - alloc[0];
        run.steadySteps = steps - every;
        run.nll = r.finalLoss();
        return run;
    }

    static String arr(double[] v) {
        final List<String> s = new ArrayList<>();
        for (double x : v) {
            s.add(String.format(Locale.ROOT, "%.6g", x));
        }
        return s.toString();
    }
}
