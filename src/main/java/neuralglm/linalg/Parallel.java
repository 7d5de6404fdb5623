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
     * Runs {@code part.accept(t)} for t = 0 .. parts - 1 and waits for all. An interrupt of the caller while
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
        final Thread[] helpers = new Thread[parts - 1];
        for (int t = 1; t < parts; t++) {
            final int tt = t;
            helpers[t - 1] = new Thread(() -> {
                try {
                    part.accept(tt);
                } catch (RuntimeException | Error e) {
                    failed[tt] = e;
                }
            }, "neuralglm-part-" + t);
            helpers[t - 1].setDaemon(true);
            helpers[t - 1].start();
        }
        try {
            part.accept(0);
        } catch (RuntimeException | Error e) {
            failed[0] = e;
        }
        boolean interrupted = false;
        for (Thread h : helpers) {
            while (true) {
                try {
                    h.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
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
}
