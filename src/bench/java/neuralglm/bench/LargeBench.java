package neuralglm.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import neuralglm.optim.SgdOptimizer;
import neuralglm.train.Trainer;
import neuralglm.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;

/**
 * The large workload of {@code ../shared/bench/torch_large.py}: Poisson, 200,000 x 20, net 20-64-64-1
 * ReLU, mini-batch SGD lr 0.01, batch 256, 5 epochs (reshuffled each epoch). Reads the data and
 * PyTorch's initial weights written by {@code torch_large.py --write-data DIR} ({@code --data DIR},
 * default {@code target/bench-data}). Times {@link Trainer#fit} from its call to its report of the last
 * epoch (shuffle, batch gather, steps; not the final full forward pass, as torch_large.py), after
 * {@code --warmup} untimed epochs (default 3: with 2 threads C2 is still compiling after one); also reports the resident set size (Linux /proc/self/status) at start, after
 * reading the data, and its peak; prints examples per second, min / median
 * / max over {@code --reps} (default 3), and the final mean NLL. {@code --threads T} (default 1).
 */
public final class LargeBench {

    private LargeBench() {
    }

    static void run(BenchArgs a) throws IOException {
        final Path dir = Path.of(a.string("data", "target/bench-data"));
        final int reps = a.integer("reps", 3), epochs = a.integer("epochs", 5), batch = a.integer("batch", 256);
        final int threads = a.integer("threads", 1), warmup = a.integer("warmup", 3);
        final double lr = a.real("lr", 0.01);
        final neuralglm.nn.Precision precision = neuralglm.nn.Precision.byName(a.string("precision", "float64"));
        final long rssStart = rssKb("VmRSS");
        final DMatrixRMaj[] xy = readData(dir.resolve("large_poisson.bin"));
        final long rssData = rssKb("VmRSS");
        final DMatrixRMaj x = xy[0], y = xy[1];
        final int n = x.numRows;
        final long[] end = new long[1], alloc = new long[2], cpu = new long[1];
        final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        final long tid = Thread.currentThread().getId();
        // allocation of the calling thread from the end of epoch 1 to the end of the last epoch
        final Trainer trainer = new Trainer(epochs).withBatchSize(batch).withThreads(threads).withPrecision(precision)
                .withProgress(1, (e, loss) -> {
                    end[0] = System.nanoTime();
                    cpu[0] = os.getProcessCpuTime();
                    alloc[e == 0 ? 0 : 1] = mx.getThreadAllocatedBytes(tid);
                });
        if (warmup > 0) {
            new Trainer(warmup).withBatchSize(batch).withThreads(threads).withPrecision(precision)
                    .fit(net(dir, x.numCols), new PoissonFamily(), new SgdOptimizer(lr), x, y, null);
        }
        final double[] times = new double[reps];
        double finalNll = Double.NaN, cpuOverWall = 0;
        for (int r = 0; r < reps; r++) {
            final Sequential net = net(dir, x.numCols);
            final long c0 = os.getProcessCpuTime();
            final long t0 = System.nanoTime();
            final TrainingResult res = trainer.withSeed(r).fit(net, new PoissonFamily(), new SgdOptimizer(lr), x, y, null);
            times[r] = (end[0] - t0) * 1e-9;
            cpuOverWall += (cpu[0] - c0) / (double) (end[0] - t0) / reps;
            finalNll = res.finalLoss();
        }
        final Stats s = new Stats(times);
        final long steps = (long) epochs * ((n + batch - 1) / batch);
        final double examples = (double) n * epochs;
        System.out.printf(Locale.ROOT, "{\"bench\":\"neuralglm_large\",\"precision\":\"" + precision + "\",\"kernels\":\"%s\",\"threads\":%d,\"rows\":%d,\"features\":%d,"
                        + "\"epochs\":%d,\"batch\":%d,\"steps\":%d,\"times_s\":%s,\"min_s\":%.4f,\"median_s\":%.4f,\"max_s\":%.4f,"
                        + "\"examples_per_s\":%.1f,\"us_per_step\":%.3f,\"final_mean_nll\":%.8f,\"allocated_bytes_per_step\":%s,\"cpu_over_wall\":%.3f,"
                        + "\"data_mb\":%.1f,\"rss_start_mb\":%.1f,\"rss_after_data_mb\":%.1f,\"peak_rss_mb\":%.1f}%n",
                neuralglm.linalg.Kernels.vectorised() ? "vector" : "scalar", threads, n, x.numCols, epochs, batch, steps,
                NotebookBench.arr(times), s.min, s.median, s.max, examples / s.median, 1e6 * s.median / steps, finalNll,
                // measured from the end of epoch 1: none with one epoch
                epochs > 1 ? String.format(Locale.ROOT, "%.1f", (alloc[1] - alloc[0]) / (steps * (epochs - 1.0) / epochs)) : "null",
                cpuOverWall,
                (double) n * (x.numCols + 1) * 8 / 1e6, rssStart / 1e3, rssData / 1e3, rssKb("VmHWM") / 1e3);
    }

    /** @return the field of /proc/self/status in kB (VmRSS: resident now, VmHWM: peak), or -1 */
    static long rssKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Big-endian int32 rows, int32 cols, X row-major doubles, y doubles. */
    public static DMatrixRMaj[] readData(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            final int n = in.readInt(), d = in.readInt();
            final DMatrixRMaj x = new DMatrixRMaj(n, d), y = new DMatrixRMaj(n, 1);
            for (int i = 0; i < n * d; i++) {
                x.data[i] = in.readDouble();
            }
            for (int i = 0; i < n; i++) {
                y.data[i] = in.readDouble();
            }
            return new DMatrixRMaj[] {x, y};
        }
    }

    /** The net 20-64-64-1 with the initial weights of {@code large_init.txt} (name rows cols values...). */
    static Sequential net(Path dir, int features) throws IOException {
        final Sequential net = Sequential.mlp(features, new int[] {64, 64}, Activation.ReLU::new, 1, new Random(7));
        for (String line : Files.readAllLines(dir.resolve("large_init.txt"))) {
            final String[] f = line.trim().split(" ");
            final double[] v = new double[f.length - 3];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.parseDouble(f[i + 3]);
            }
            net.parameter(f[0]).set(v);
        }
        return net;
    }
}
