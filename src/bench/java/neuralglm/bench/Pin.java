package neuralglm.bench;

import java.io.File;
import java.io.IOException;

/**
 * Pins the calling thread to one CPU ({@code taskset -pc cpu tid}, Linux): {@code --pin-cpu N} of every workload.
 * Only that thread: the JVM keeps its other CPUs for the JIT's and the collector's threads, and its ergonomics (a JVM
 * started under {@code taskset -c N} sees one CPU and picks the serial collector instead of G1, which Weka's default JVM
 * has on a machine of two CPUs).
 * <p>
 * Why: the CPUs of a VM need not be equally fast. On the 2-vCPU AMD EPYC VM of 2026-12-04, vCPU 1 ran PyTorch's large
 * loop (float32 1 thread, pinned with taskset) in 0.55 s against vCPU 0's 0.32 s and neuralGLM's 128-row step in 108-110
 * us against 79-81 us, while a scalar chain of dependent multiply-adds ran at the same speed on both (the other
 * hyper-thread of vCPU 1's host core busy with vector work, most likely): a 1-thread comparison is only fair when both
 * sides run on the same CPU ({@code scripts/bench_vs_torch.sh} pins both).
 */
final class Pin {
    private Pin() {
    }

    /** @return whether a thread can be pinned here: Linux's {@code /proc/thread-self} and a {@code taskset} that runs */
    static boolean available() {
        if (!new File("/proc/thread-self").exists()) {
            return false;
        }
        try {
            final Process p = new ProcessBuilder("taskset", "-p", "1").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * @param cpu the CPU (as {@code taskset} numbers them); negative: no pinning
     * @throws IOException          when taskset cannot be started or fails (the message says which thread and CPU)
     * @throws InterruptedException when interrupted while taskset runs
     */
    static void currentThread(int cpu) throws IOException, InterruptedException {
        currentThread(cpu, true);
    }

    /** @param say whether to print the pinning on standard error */
    static void currentThread(int cpu, boolean say) throws IOException, InterruptedException {
        if (cpu < 0) {
            return;
        }
        final String tid = new File("/proc/thread-self").getCanonicalFile().getName();
        final Process p = new ProcessBuilder("taskset", "-pc", Integer.toString(cpu), tid).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException("taskset -pc " + cpu + " " + tid + " failed: " + out);
        }
        if (say) {
            System.err.println("bench thread " + tid + " pinned to CPU " + cpu);
        }
    }
}
