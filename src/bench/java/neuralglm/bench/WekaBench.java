package neuralglm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;

import org.ejml.data.DMatrixRMaj;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.MultilayerPerceptron;
import weka.classifiers.functions.NeuralGLM;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.Utils;

/**
 * The Weka face, timed where a Weka user is: {@code NeuralGLM} through its {@code IterativeClassifier}
 * calls (what {@code buildClassifier} runs: {@code initializeClassifier}, {@code next()} per epoch,
 * {@code done()}), on the large workload's data as {@link Instances} (20 numeric attributes, numeric
 * class; {@code --data DIR} as for {@code large}, {@code --rows N} repeats or cuts the rows).
 * <pre>
 *   weka-large    fixed cost (initializeClassifier + done) against the epochs, in wall time and in the calling
 *                 thread's CPU time (1 thread: what the machine's other jobs do not inflate; also per phase);
 *                 the calling thread's minor page faults in init and done (fresh heap pages: a build whose arrays
 *                 land on pages never touched pays about 10 us a page here); end-to-end examples/s;
 *                 --threads T; --pair: per round, two independent 1-thread builds side by side (the
 *                 machine's ceiling for 2 threads), one -num-threads 2 build and the 1-thread build, in
 *                 alternating order (--reps rounds, default 5): the ratio per round with median, min and
 *                 max, the same ratio for the epochs alone, the 2-thread build's serial share (init) and
 *                 CPU/wall of both (a pair below about 1.9 did not get two cores), the load average at
 *                 the start of each round; the pair's builds pinned to CPUs 0 and 1 (--pin-pair false: not),
 *                 the slower build's time over the faster one's (unequal CPUs) and the 2-thread build against
 *                 twice the slower build's speed (what a step that waits for both halves allows on such CPUs),
 *                 and what moving data between the cores costs (CoreExchange: a cache line's round trip, one
 *                 2-thread step's exchange of gradients and weights against the same work on one core);
 *                 RSS (start, after the data, peak) against the data's size
 *                 (--warmup 0: no warm-up build, whose garbage would count in the peak; --read-instances: the
 *                 builds read their inputs from the instances, NeuralGLM's -read-instances); --pair first runs
 *                 --pair-warmup (default 4) untimed full-length 2-thread builds and pairs, so that both sides run
 *                 compiled code (0: one epoch of each)
 *   weka-notebook the notebook workload through buildClassifier (-hidden 30,20, SGD lr 0.2, full batch,
 *                 inputs as given, --steps epochs, default 5000), per family, median of --reps (default 3);
 *                 Poisson at lr 0.05 (from NeuralGLM's own initialisation lr 0.2 diverges; a step costs the same)
 *   weka-predict  distributionsForInstances (instances/s) of NeuralGLM, MultilayerPerceptron and
 *                 Logistic on the same data with a two-valued class (y > 0), trained on --train rows
 *                 (--precision float32: a NeuralGLM trained with -precision float32, which predicts in float)
 * </pre>
 * Options as {@code SGD -lr 0.01}, batch 256, net 20-64-64-1 ReLU, {@code --epochs} (5), {@code --reps} (3);
 * {@code --precision float32} trains weka-large, weka-notebook and weka-predict's NeuralGLM with {@code -precision float32}.
 */
final class WekaBench {

    private WekaBench() {
    }

    /**
     * The workload as specified, whatever NeuralGLM's defaults: ReLU, no weight decay and nothing held out
     * (the automatic defaults would select a penalty over several early-stopped runs, and pick Tanh or
     * Softplus for numeric families).
     */
    static final String PINNED = " -weight-decay 0 -validation-fraction 0 -activation ReLU";

    /** {@code --precision float64|float32} (default float64): NeuralGLM's -precision. */
    static String precision = "float64";
    /** Options added to every large-workload build (weka-large --read-instances: " -read-instances"). */
    static String extra = "";
    /** Hidden layers of the large workload's network (weka-large --hidden 96,96; default the workload's 64,64). */
    static String hidden = "64,64";

    static Instances instances(Path dir, int rows, boolean binary) throws java.io.IOException {
        final DMatrixRMaj[] xy = LargeBench.readData(dir.resolve("large_poisson.bin"));
        final DMatrixRMaj x = xy[0], y = xy[1];
        final int n0 = x.numRows, d = x.numCols, n = rows > 0 ? rows : n0;
        final ArrayList<Attribute> atts = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            atts.add(new Attribute("x" + j));
        }
        atts.add(binary ? new Attribute("event", java.util.List.of("no", "yes")) : new Attribute("count"));
        final Instances data = new Instances("large_poisson", atts, n);
        data.setClassIndex(d);
        for (int i = 0; i < n; i++) {
            final double[] v = new double[d + 1];
            System.arraycopy(x.data, (i % n0) * d, v, 0, d);
            v[d] = binary ? (y.data[i % n0] > 0 ? 1 : 0) : y.data[i % n0];
            data.add(new DenseInstance(1.0, v));
        }
        return data;
    }

    static NeuralGLM glm(String family, int epochs, int threads) throws Exception {
        final NeuralGLM g = new NeuralGLM();
        g.setOptions(Utils.splitOptions("-family " + family + " -hidden " + hidden + " -optimizer \"SGD -lr 0.01\" -mini-batch-size 256 -epochs "
                + epochs + " -num-threads " + threads + " -S 1 -precision " + precision + PINNED + extra));
        return g;
    }

    /**
     * initializeClassifier, next() until false, done(): seconds of {init, epochs, done, process CPU, and the calling
     * thread's CPU time in init, epochs, done} (a 1-thread build's work, which waiting for a busy machine's cores
     * does not inflate), then the calling thread's minor page faults in init, epochs, done.
     */
    static double[] build(NeuralGLM g, Instances data) throws Exception {
        // as inside buildClassifier (its private flag, set here by reflection): the run keeps its worker threads from
        // epoch to epoch; called from outside, next() releases them after every epoch (no idle threads between calls),
        // and a 2-thread build would start its worker and copy its network at every epoch, which buildClassifier does not
        BUILDING.setBoolean(g, true);
        try {
            return phases(g, data);
        } finally {
            BUILDING.setBoolean(g, false);
        }
    }

    /** NeuralGLM's flag for a build under way ({@code building}), which {@link #build} sets as buildClassifier does. */
    private static final java.lang.reflect.Field BUILDING;

    static {
        try {
            BUILDING = NeuralGLM.class.getDeclaredField("building");
            BUILDING.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static double[] phases(NeuralGLM g, Instances data) throws Exception {
        final long c0 = OS.getProcessCpuTime();
        final long f0 = minorFaults();
        final long u0 = THREADS.getCurrentThreadCpuTime();
        final long t0 = System.nanoTime();
        g.initializeClassifier(data);
        final long t1 = System.nanoTime();
        final long u1 = THREADS.getCurrentThreadCpuTime();
        final long f1 = minorFaults();
        while (g.next()) {
            // one epoch
        }
        final long t2 = System.nanoTime();
        final long u2 = THREADS.getCurrentThreadCpuTime();
        final long f2 = minorFaults();
        g.done();
        final long t3 = System.nanoTime();
        final long u3 = THREADS.getCurrentThreadCpuTime();
        final long f3 = minorFaults();
        return new double[] {(t1 - t0) * 1e-9, (t2 - t1) * 1e-9, (t3 - t2) * 1e-9, (OS.getProcessCpuTime() - c0) * 1e-9,
            (u1 - u0) * 1e-9, (u2 - u1) * 1e-9, (u3 - u2) * 1e-9,
            // the calling thread's minor page faults per phase: fresh heap pages, about 10 us each on a VM
            f1 - f0, f2 - f1, f3 - f2};
    }

    /**
     * @return the calling thread's minor page faults so far (field 10 of Linux's {@code /proc/thread-self/stat}: each the
     *         first touch of a page, which the kernel zeroes), or 0 where that file is not there
     */
    static long minorFaults() {
        try {
            final String stat = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/thread-self/stat")),
                    java.nio.charset.StandardCharsets.US_ASCII);
            final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");   // fields from 3 on (state first)
            return Long.parseLong(f[10 - 3]);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Page faults in a build's init and done below which it counts as fault-free (a few occur in any build). */
    private static final int FAULT_FREE = 50;

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    static void large(BenchArgs a) throws Exception {
        final boolean pair = a.flag("pair");
        pinPair = pair && Boolean.parseBoolean(a.string("pin-pair",
                Boolean.toString(Runtime.getRuntime().availableProcessors() >= 2 && Pin.available())));
        final int reps = a.integer("reps", pair ? 5 : 3), epochs = a.integer("epochs", 5), threads = a.integer("threads", 1);
        precision = a.string("precision", "float64");
        extra = a.flag("read-instances") ? " -read-instances" : "";
        hidden = a.string("hidden", "64,64");
        final long rssStart = LargeBench.rssKb("VmRSS");
        // setOptions resolves the option classes with Utils.forName, whose first call builds Weka's class cache (every
        // jar of the class path scanned: tens of MB of garbage on the bench's); Weka's Run and Explorer build it as they
        // start, before any data, so here too: otherwise that garbage, uncollected, counts in the build's peak RSS
        glm("Poisson", 1, threads);
        final Instances data = instances(Path.of(a.string("data", "target/bench-data")), a.integer("rows", 0), false);
        final long rssData = LargeBench.rssKb("VmRSS");
        final int n = data.numInstances();
        if (a.integer("warmup", 1) > 0) {
            build(glm("Poisson", 1, threads), data); // warm-up (JIT); --warmup 0 for the peak RSS of one build alone
        }
        if (pair) {
            // the 2-thread path's own methods (the slices' gather, the worker's loop, the range updates) reach C2 only
            // after some 10 epochs of 2-thread training (-XX:+PrintCompilation: about 5.5 s into the JVM), while the
            // 1-thread code is compiled sooner (the pair and the 1-thread builds run it from the start): warm both
            // to the same point, --pair-warmup full-length 2-thread builds and pairs first (default 4; 0 as before
            // this was added: one epoch of each), so that the first rounds do not measure the JIT
            final int pairWarmup = a.integer("pair-warmup", 4);
            for (int k = 0; k < Math.max(1, pairWarmup); k++) {
                build(glm("Poisson", pairWarmup == 0 ? 1 : epochs, 2), data);
                sideBySide(data, pairWarmup == 0 ? 1 : epochs);
            }
        }
        final double[] total = new double[reps], fixed = new double[reps], ceiling = new double[reps], two = new double[reps];
        final double[] fixedCpu = new double[reps];
        final double[] twoEpochs = new double[reps], ceilingEpochs = new double[reps], twoSerial = new double[reps];
        // the pair's builds one by one: the slower one's time over the faster one's, and twice the slower one's speed (what
        // a step that waits for both halves could reach, the CPUs being as unequal as the pair found them)
        final double[] pairSlowOverFast = new double[reps], slowerCeiling = new double[reps];
        final double[] load = new double[reps], twoCpu = new double[reps], pairCpu = new double[reps];
        final double[][] phase = new double[3][reps], phaseCpu = new double[3][reps], phaseFaults = new double[3][reps];
        final double[] cpu = new double[reps], threadCpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            load[r] = loadAverage();
            // alternated: odd rounds run the 2-thread build and the pair before the 1-thread build, in the other order
            for (int part = 0; part < (pair ? 3 : 1); part++) {
                final int what = pair && r % 2 == 1 ? 2 - part : part;
                if (what == 0) {
                    final double[] t = build(glm("Poisson", epochs, threads), data);
                    total[r] = t[0] + t[1] + t[2];
                    for (int k = 0; k < 3; k++) {
                        phase[k][r] = t[k];
                        phaseCpu[k][r] = t[4 + k];
                        phaseFaults[k][r] = t[7 + k];
                    }
                    cpu[r] = t[3];
                    fixed[r] = (t[0] + t[2]) / total[r];
                    fixedCpu[r] = (t[4] + t[6]) / (t[4] + t[5] + t[6]);
                    threadCpu[r] = t[4] + t[5] + t[6];
                } else if (what == 1) {
                    final long c0 = OS.getProcessCpuTime(), p0 = System.nanoTime();
                    final double[][] side = sideBySide(data, epochs);
                    final double wall = (System.nanoTime() - p0) * 1e-9;
                    ceiling[r] = 2.0 * n * epochs / wall;
                    pairCpu[r] = (OS.getProcessCpuTime() - c0) * 1e-9 / wall;
                    // the epochs alone: each build's examples over its own epoch time, added
                    ceilingEpochs[r] = (double) n * epochs / side[0][1] + (double) n * epochs / side[1][1];
                    final double w0 = side[0][0] + side[0][1] + side[0][2], w1 = side[1][0] + side[1][1] + side[1][2];
                    pairSlowOverFast[r] = Math.max(w0, w1) / Math.min(w0, w1);
                    slowerCeiling[r] = 2.0 * n * epochs / Math.max(w0, w1);
                } else {
                    final double[] t2 = build(glm("Poisson", epochs, 2), data);
                    final double wall = t2[0] + t2[1] + t2[2];
                    two[r] = (double) n * epochs / wall;
                    twoEpochs[r] = (double) n * epochs / t2[1];
                    twoSerial[r] = t2[0] / wall;
                    twoCpu[r] = t2[3] / wall;
                }
            }
        }
        final Stats s = new Stats(total), f = new Stats(fixed), fc = new Stats(fixedCpu), tc = new Stats(threadCpu);
        // the fixed share of the builds that touched no new page in init and done (fewer than FAULT_FREE faults): the
        // share of the build's own passes, without the first touch of heap pages G1 hands out fresh (about 10 us a
        // page on a VM), which depends on the JVM's history, not the code
        final java.util.List<Double> faultFree = new java.util.ArrayList<>();
        for (int r = 0; r < reps; r++) {
            if (phaseFaults[0][r] + phaseFaults[2][r] < FAULT_FREE) {
                faultFree.add(fixed[r]);
            }
        }
        final double faultFreeMedian = faultFree.isEmpty() ? Double.NaN
                : median(faultFree.stream().mapToDouble(Double::doubleValue).toArray());
        String pairJson = "";
        if (pair) {
            final Stats q = new Stats(ratio(two, ceiling)), qe = new Stats(ratio(twoEpochs, ceilingEpochs));
            final Stats qs = new Stats(ratio(two, slowerCeiling)), ps = new Stats(pairSlowOverFast);
            // rounds in which the pair had two cores (process CPU / wall >= 1.8): the others measure the other jobs' load
            final java.util.List<Double> ok = new java.util.ArrayList<>();
            for (int r = 0; r < reps; r++) {
                if (pairCpu[r] >= 1.8) {
                    ok.add(two[r] / ceiling[r]);
                }
            }
            final double okMedian = ok.isEmpty() ? Double.NaN : median(ok.stream().mapToDouble(Double::doubleValue).toArray());
            pairJson = String.format(Locale.ROOT, ",\"two_over_ceiling_two_core_rounds\":%d,\"two_over_ceiling_two_core_median\":%.4f", ok.size(), okMedian)
                    + String.format(Locale.ROOT, ",\"pair_slow_over_fast\":%s,\"pair_slow_over_fast_median\":%.4f,"
                            + "\"two_over_slower_ceiling\":%s,\"two_over_slower_ceiling_median\":%.4f",
                    NotebookBench.arr(pairSlowOverFast), ps.median, NotebookBench.arr(ratio(two, slowerCeiling)), qs.median)
                    + String.format(Locale.ROOT, ",\"ceiling_examples_per_s\":%s,\"two_threads_examples_per_s\":%s,"
                            + "\"two_over_ceiling\":%s,\"two_over_ceiling_median\":%.4f,\"two_over_ceiling_min\":%.4f,\"two_over_ceiling_max\":%.4f,"
                            + "\"epochs_two_over_ceiling\":%s,\"epochs_two_over_ceiling_median\":%.4f,"
                            + "\"two_init_share\":%s,\"two_cpu_over_wall\":%s,\"pair_cpu_over_wall\":%s",
                    NotebookBench.arr(ceiling), NotebookBench.arr(two), NotebookBench.arr(ratio(two, ceiling)), q.median, q.min, q.max,
                    NotebookBench.arr(ratio(twoEpochs, ceilingEpochs)), qe.median, NotebookBench.arr(twoSerial),
                    NotebookBench.arr(twoCpu), NotebookBench.arr(pairCpu))
                    + "," + CoreExchange.measure();   // what a 2-thread step's exchange costs here (the pair pays none)
        }
        System.out.printf(Locale.ROOT, "{\"bench\":\"weka_large\",\"precision\":\"" + precision + "\",\"kernels\":\"%s\",\"threads\":%d,\"rows\":%d,\"epochs\":%d,\"load\":%s,"
                        + "\"times_s\":%s,\"init_s\":%s,\"epochs_s\":%s,\"done_s\":%s,\"median_s\":%.4f,\"examples_per_s\":%.1f,\"fixed_share\":%s,"
                        + "\"fixed_share_median\":%.4f,\"fixed_share_min\":%.4f,\"fixed_share_max\":%.4f,"
                        + "\"fixed_share_thread_cpu\":%s,\"fixed_share_thread_cpu_median\":%.4f,"
                        + "\"thread_cpu_s\":%s,\"init_cpu_s\":%s,\"epochs_cpu_s\":%s,\"done_cpu_s\":%s,\"examples_per_thread_cpu_s\":%.1f,"
                        + "\"init_minor_faults\":%s,\"done_minor_faults\":%s,\"fault_free_builds\":%d,\"fixed_share_fault_free_median\":%.4f,"
                        + "\"cpu_over_wall\":%.3f,\"data_mb\":%.1f,\"rss_start_mb\":%.1f,\"rss_after_data_mb\":%.1f,\"peak_rss_mb\":%.1f%s}%n",
                jvm(), threads, n, epochs, NotebookBench.arr(load),
                NotebookBench.arr(total), NotebookBench.arr(phase[0]), NotebookBench.arr(phase[1]),
                NotebookBench.arr(phase[2]), s.median,
                (double) n * epochs / s.median, NotebookBench.arr(fixed), f.median, f.min, f.max, NotebookBench.arr(fixedCpu), fc.median,
                NotebookBench.arr(threadCpu), NotebookBench.arr(phaseCpu[0]), NotebookBench.arr(phaseCpu[1]),
                NotebookBench.arr(phaseCpu[2]), (double) n * epochs / tc.median,
                NotebookBench.arr(phaseFaults[0]), NotebookBench.arr(phaseFaults[2]), faultFree.size(), faultFreeMedian,
                sum(cpu) / sum(total),
                (double) n * (data.numAttributes()) * 8 / 1e6,
                rssStart / 1e3, rssData / 1e3, LargeBench.rssKb("VmHWM") / 1e3, pairJson);
    }

    /**
     * Whether the pair's builds run on CPUs 0 and 1 ({@code --pin-pair}, default true on a machine of 2 CPUs or more
     * where {@link Pin} works):
     * then the pair measures each CPU's own speed, whose slower one paces a 2-thread step (both halves must finish);
     * unpinned, each build wanders between the CPUs and the two come out equally fast.
     */
    static boolean pinPair;

    /** Two independent 1-thread builds side by side (the machine's ceiling for 2 threads): each one's {init, epochs, done, cpu}. */
    private static double[][] sideBySide(Instances data, int epochs) throws InterruptedException {
        final double[][] side = new double[2][];
        final Thread[] th = new Thread[2];
        for (int k = 0; k < 2; k++) {
            final int kk = k;
            th[k] = new Thread(() -> {
                try {
                    if (pinPair) {
                        Pin.currentThread(kk, false);   // build k on CPU k: each CPU's own speed
                    }
                    side[kk] = build(glm("Poisson", epochs, 1), data);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            th[k].start();
        }
        for (Thread t : th) {
            t.join();
        }
        return side;
    }

    /** @return the 1-minute load average (Linux), or NaN */
    static double loadAverage() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static void predict(BenchArgs a) throws Exception {
        final int reps = a.integer("reps", 3), trainRows = a.integer("train", 20000);
        precision = a.string("precision", "float64");
        final Instances all = instances(Path.of(a.string("data", "target/bench-data")), a.integer("rows", 0), true);
        final Instances train = new Instances(all, 0, Math.min(trainRows, all.numInstances()));
        final Classifier[] models = {glm("Bernoulli", 1, 1), new MultilayerPerceptron(), new Logistic()};
        ((MultilayerPerceptron) models[1]).setOptions(Utils.splitOptions("-H 64,64 -N 1 -L 0.01 -M 0"));
        ((Logistic) models[2]).setOptions(Utils.splitOptions("-M 20"));
        final String[] names = {"NeuralGLM", "MultilayerPerceptron", "Logistic"};
        for (Classifier c : models) {
            c.buildClassifier(train);
            ((AbstractClassifier) c).distributionsForInstances(new Instances(all, 0, Math.min(20000, all.numInstances()))); // warm-up
        }
        final double[][] rate = new double[models.length][reps];
        for (int r = 0; r < reps; r++) {
            for (int m = 0; m < models.length; m++) {
                final long t0 = System.nanoTime();
                ((AbstractClassifier) models[m]).distributionsForInstances(all);
                rate[m][r] = all.numInstances() / ((System.nanoTime() - t0) * 1e-9);
            }
        }
        final StringBuilder sb = new StringBuilder();
        for (int m = 0; m < models.length; m++) {
            sb.append(String.format(Locale.ROOT, ",\"%s_instances_per_s\":%s", names[m], NotebookBench.arr(rate[m])));
        }
        System.out.printf(Locale.ROOT, "{\"bench\":\"weka_predict\",\"precision\":\"" + precision + "\",\"kernels\":\"%s\",\"rows\":%d%s,\"glm_over_mlp\":%.3f,\"glm_over_logistic\":%.3f}%n",
                jvm(), all.numInstances(), sb,
                median(ratio(rate[0], rate[1])), median(ratio(rate[0], rate[2])));
    }

    static void notebook(BenchArgs a) throws Exception {
        final int reps = a.integer("reps", 3), steps = a.integer("steps", 5000);
        precision = a.string("precision", "float64");
        final NotebookData d = NotebookData.load();
        for (String fam : a.list("families", NotebookData.FAMILIES)) {
            final boolean nominal = fam.equals("categorical");
            final ArrayList<Attribute> atts = new ArrayList<>();
            atts.add(new Attribute("x"));
            atts.add(nominal ? new Attribute("class", java.util.List.of("0", "1")) : new Attribute("y"));
            final Instances data = new Instances("notebook-" + fam, atts, d.rows());
            data.setClassIndex(1);
            final double[] y = fam.equals("gaussian") ? d.yGaussian : d.yPoisson;
            for (int i = 0; i < d.rows(); i++) {
                data.add(new DenseInstance(1.0, new double[] {d.x[i], nominal ? d.yClass[i] : y[i]}));
            }
            final String options = "-family " + (nominal ? "Categorical" : fam.equals("gaussian") ? "Gaussian" : "Poisson")
                    + " -hidden 30,20 -optimizer \"SGD -lr " + (fam.equals("poisson") ? "0.05" : "0.2")
                    + "\" -mini-batch-size 0 -no-standardize -S 500 -precision " + precision + PINNED + " -epochs ";
            final NeuralGLM warm = new NeuralGLM();
            warm.setOptions(Utils.splitOptions(options + Math.min(steps, 500)));
            warm.buildClassifier(data);
            final double[] t = new double[reps], cpu = new double[reps];
            for (int r = 0; r < reps; r++) {
                final NeuralGLM g = new NeuralGLM();
                g.setOptions(Utils.splitOptions(options + steps));
                final long c0 = OS.getProcessCpuTime();
                final long t0 = System.nanoTime();
                g.buildClassifier(data);
                t[r] = (System.nanoTime() - t0) * 1e-9;
                cpu[r] = (OS.getProcessCpuTime() - c0) * 1e-9;
            }
            final Stats s = new Stats(t);
            System.out.printf(Locale.ROOT, "{\"bench\":\"weka_notebook\",\"precision\":\"" + precision + "\",\"kernels\":\"%s\",\"family\":\"%s\",\"steps\":%d,\"times_s\":%s,"
                            + "\"median_s\":%.6f,\"us_per_step\":%.3f,\"cpu_s\":%s,\"cpu_over_wall\":%.3f}%n",
                    jvm(), fam, steps,
                    NotebookBench.arr(t), s.median, 1e6 * s.median / steps, NotebookBench.arr(cpu), sum(cpu) / sum(t));
        }
    }

    /** Process CPU time (all threads), for runs on a machine other jobs load. */
    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static double[] ratio(double[] a, double[] b) {
        final double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    private static double median(double[] v) {
        return new Stats(v).median;
    }

    /**
     * @return which JVM the bench ran in, as bench_vs_torch.sh labels it: "vector" when started with the Vector API module
     *         (and not turned off), "plain" for Weka's default JVM, which since 2026-12-04 loads the module at run time
     *         for the networks it trains faster (the large workload's 64-unit layers)
     */
    private static String jvm() {
        return neuralglm.linalg.VectorModule.inBootLayer() && neuralglm.linalg.Kernels.vectorised() ? "vector" : "plain";
    }
}
