package neuralglm.linalg;

import java.util.function.IntConsumer;

/**
 * Work cut into T parts that never share an output entry (row blocks, column ranges), run at once: part 0 on
 * the calling thread, parts 1 .. T-1 each on a thread started for it. Whatever the parts compute, each output
 * entry is written by one part in the order one thread would use, so the results do not depend on T; a
 * part's failure is rethrown after all parts ended (the lowest-numbered part's, so that the error reported is
 * the one a single thread would meet first when part t covers earlier rows than part t + 1).
 */
public final class Parallel {

    private Parallel() {
    }

    /**
     * Entries of a matrix worth a thread of their own in a simple pass over them (sums, a check, an affine map per
     * entry: about 0.1 ms of work, what a thread costs to start).
     */
    public static final long PASS_GRAIN = 1L << 16;

    /**
     * @param n     items (rows, columns)
     * @param parts the number of parts
     * @param t     a part, 0 .. parts
     * @return the first item of part t (part t covers {@code start(t) .. start(t + 1) - 1}; sizes differ by at most one)
     */
    public static int start(int n, int parts, int t) {
        return (int) ((long) n * t / parts);
    }

    /**
     * @param threads the threads asked for (at least 1)
     * @param work    the work's size (e.g. entries to read)
     * @param grain   the least work worth a thread of its own (a thread costs about 0.1 ms to start)
     * @return how many parts to cut the work into: at most {@code threads}, at least 1
     */
    public static int parts(int threads, long work, long grain) {
        return (int) Math.max(1, Math.min(threads, work / Math.max(1, grain)));
    }

    /**
     * Runs {@code part.accept(t)} for t = 0 .. parts - 1 and waits for all. Parts are claimed in order: the caller
     * runs part 0, then any part no started thread has claimed yet, so a thread the machine has not scheduled
     * holds nobody up (which thread runs a part changes nothing in its results). An interrupt of the caller while
     * it waits is kept (the flag is set again afterwards); the parts themselves are short and are not stopped.
     *
     * @param parts the number of parts (1: the caller runs part 0 alone, no thread is started)
     * @param part  the work of part t
     * @throws RuntimeException or Error: the failure of the lowest-numbered part that failed
     */
    public static void run(int parts, IntConsumer part) {
        if (parts <= 1) {
            part.accept(0);
            return;
        }
        final Throwable[] failed = new Throwable[parts];
        final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(1);
        final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(parts);
        final Runnable claim = () -> {
            for (int t = next.getAndIncrement(); t < parts; t = next.getAndIncrement()) {
                runPart(part, t, failed);
                done.countDown();
            }
        };
        for (int t = 1; t < parts; t++) {
            final Thread helper = new Thread(claim, "neuralglm-part-" + t);
            helper.setDaemon(true);
            helper.start();
        }
        runPart(part, 0, failed);
        done.countDown();
        claim.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Throwable f : failed) {
            if (f instanceof RuntimeException) {
                throw (RuntimeException) f;
            } else if (f != null) {
                throw (Error) f;
            }
        }
    }

    private static void runPart(IntConsumer part, int t, Throwable[] failed) {
        try {
            part.accept(t);
        } catch (RuntimeException | Error e) {
            failed[t] = e;
        }
    }
}
