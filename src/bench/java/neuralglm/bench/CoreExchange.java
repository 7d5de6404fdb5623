package neuralglm.bench;

import java.util.Locale;

/**
 * What moving data between two cores costs on this machine, which a 2-thread training step pays and two independent
 * 1-thread builds (the {@code --pair} ceiling) do not: {@code BenchMain core-exchange}, or the last fields of
 * {@code weka-large --pair}.
 * <ul>
 *   <li>{@code core_round_trip_ns}: a volatile counter handed back and forth between two threads pinned to CPUs 0 and 1
 *       (one cache line's transfer each way: twice the cores' one-way latency);</li>
 *   <li>{@code core_exchange_step_us}: one step's traffic of {@code ParallelStep} with two threads on the large network's N = 5,569
 *       parameters (20-64-64-1), without its arithmetic: each thread writes its whole gradient buffer (N doubles), then
 *       (barrier) reads the other's half on its own range and writes that range of the shared weights, then (barrier)
 *       reads all the weights, as the next forward pass does; so each thread moves about N / 2 doubles' lines in each
 *       direction and takes back the lines of its buffer and of its range that the other read. Time per step, minus the
 *       half the same work done by one thread in turn ({@code core_local_half_step_us}): the cost of the exchange
 *       itself.</li>
 * </ul>
 * A step of the large workload takes about 150 us on one thread here; a 2-thread step's exchange is paid on both
 * threads' critical path.
 */
final class CoreExchange {
    private CoreExchange() {
    }

    /** The large network's parameters: 20 x 64 + 64, 64 x 64 + 64, 64 + 1. */
    static final int PARAMS = 20 * 64 + 64 + 64 * 64 + 64 + 64 + 1;

    private static volatile long ping, pong;
    private static volatile int arrived0, arrived1;
    private static volatile double sink;

    /** @return the JSON fields (no braces) core_round_trip_ns, core_exchange_step_us, core_local_half_step_us */
    static String measure() throws InterruptedException {
        // on threads of their own, which pin themselves: the caller's affinity is left alone
        final double[] out = new double[3];
        final Thread t = new Thread(() -> {
            try {
                out[0] = roundTrip(400_000);
                out[1] = exchange(20_000);
                out[2] = local(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        t.join();
        final double rt = out[0], ex = out[1], local = out[2];
        return String.format(Locale.ROOT, "\"core_round_trip_ns\":%.1f,\"core_exchange_step_us\":%.2f,"
                + "\"core_local_half_step_us\":%.2f", rt, ex, local);
    }

    /** {@code core-exchange --reps R}: one JSON line per round. */
    static void main(BenchArgs a) throws Exception {
        for (int r = 0; r < a.integer("reps", 3); r++) {
            System.out.println("{\"bench\":\"core_exchange\"," + measure() + "}");
        }
    }

    private static void pin(int cpu) {
        try {
            if (Pin.available()) {
                Pin.currentThread(cpu, false);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return nanoseconds per round trip of a counter between CPUs 0 and 1 (after as many untimed) */
    private static double roundTrip(int n) throws InterruptedException {
        ping = 0;
        pong = 0;
        final Thread other = new Thread(() -> {
            pin(1);
            for (long i = 1; i <= 2L * n; i++) {
                while (ping != i) {
                    Thread.onSpinWait();
                }
                pong = i;
            }
        });
        other.start();
        pin(0);
        long t0 = 0;
        for (long i = 1; i <= 2L * n; i++) {
            if (i == n + 1) {
                t0 = System.nanoTime();
            }
            ping = i;
            while (pong != i) {
                Thread.onSpinWait();
            }
        }
        final long t = System.nanoTime() - t0;
        other.join();
        return (double) t / n;
    }

    /**
     * @param steps timed steps (after as many untimed)
     * @return microseconds per step
     */
    private static double exchange(int steps) throws InterruptedException {
        final double[][] grads = {new double[PARAMS], new double[PARAMS]};
        final double[] weights = new double[PARAMS];
        final int half = PARAMS / 2 / 8 * 8;
        final long[] elapsed = new long[1];
        arrived0 = 0;
        arrived1 = 0;
        final Runnable[] work = new Runnable[2];
        for (int t = 0; t < 2; t++) {
            final int me = t, from = t == 0 ? 0 : half, to = t == 0 ? half : PARAMS;
            work[t] = () -> {
                final double[] mine = grads[me], theirs = grads[1 - me], w = weights;
                double s = 0;
                int phase = 0;
                long t0 = 0;
                for (int k = 0; k < 2 * steps; k++) {
                    if (k == steps) {
                        t0 = System.nanoTime();
                    }
                    for (int i = 0; i < PARAMS; i++) {
                        mine[i] = i * 1e-9 + k;   // the slice's gradient
                    }
                    phase = barrier(me, phase);
                    for (int i = from; i < to; i++) {
                        mine[i] += theirs[i];     // the reduction of this thread's range
                    }
                    for (int i = from; i < to; i++) {
                        w[i] -= 1e-3 * mine[i];   // its update
                    }
                    phase = barrier(me, phase);
                    for (int i = 0; i < PARAMS; i += 8) {
                        s += w[i];                // the next forward pass reads every weight (a line each 8)
                    }
                }
                if (me == 0) {
                    elapsed[0] = System.nanoTime() - t0;
                }
                sink = s;
            };
        }
        final Thread other = new Thread(() -> {
            pin(1);
            work[1].run();
        });
        other.start();
        pin(0);
        work[0].run();
        other.join();
        return elapsed[0] / 1e3 / steps;
    }

    /** @return microseconds per step of both threads' work in turn on one thread, private arrays (no exchange), halved */
    private static double local(int steps) {
        pin(0);
        final double[][] grads = {new double[PARAMS], new double[PARAMS]};
        final double[] w = new double[PARAMS];
        final int half = PARAMS / 2 / 8 * 8;
        double s = 0;
        long t0 = 0;
        for (int k = 0; k < 2 * steps; k++) {
            if (k == steps) {
                t0 = System.nanoTime();
            }
            for (int t = 0; t < 2; t++) {
                final double[] mine = grads[t];
                for (int i = 0; i < PARAMS; i++) {
                    mine[i] = i * 1e-9 + k;
                }
            }
            for (int t = 0; t < 2; t++) {
                final double[] mine = grads[t], theirs = grads[1 - t];
                final int from = t == 0 ? 0 : half, to = t == 0 ? half : PARAMS;
                for (int i = from; i < to; i++) {
                    mine[i] += theirs[i];
                }
                for (int i = from; i < to; i++) {
                    w[i] -= 1e-3 * mine[i];
                }
            }
            for (int t = 0; t < 2; t++) {
                for (int i = 0; i < PARAMS; i += 8) {
                    s += w[i];
                }
            }
        }
        sink = s;
        return (System.nanoTime() - t0) / 1e3 / steps / 2;
    }

    /** A two-party spin barrier; @return the next phase */
    private static int barrier(int me, int phase) {
        final int next = phase + 1;
        if (me == 0) {
            arrived0 = next;
            while (arrived1 < next) {
                Thread.onSpinWait();
            }
        } else {
            arrived1 = next;
            while (arrived0 < next) {
                Thread.onSpinWait();
            }
        }
        return next;
    }
}
