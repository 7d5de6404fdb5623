package neuralglm.bench;

import java.util.Arrays;

/**
 * Benchmarks of neuralGLM, outside the test suite ({@code mvn -Pbench ...}; see README).
 * <pre>
 *   notebook  the notebook workload, side by side with Weka's MultilayerPerceptron
 *   large     the large Poisson workload of torch_large.py (its data via --write-data)
 *   glm       GLM mode (no hidden layer, L-BFGS) against Newton/IRLS on Poisson data
 *   heldout   10-fold CV of NeuralGLM's defaults against Weka's learners (issue 11's table)
 *   stream    the streamed NeuralGLMUpdateable's defaults on short streams
 *   kernel    GFLOP/s of the GEMM kernels on the workloads' shapes
 *   row-kernels  the default JVM's row kernels on the large workload's layers, in a step's order (RowKernelBench)
 *   step-variants  the large workload's 1-thread steps alone, builds compared in one JVM
 *                 (neuralglm.train.StepVariantsBench; --variants DIR1,DIR2)
 *   row-loops    one six-term row loop on rows of 64 against longer rows, more terms per pass, a fused ReLU (RowLoopBench)
 *   weka-large, weka-notebook, weka-predict   through the Weka face (see WekaBench)
 *   thread-steps  the large workload's steps alone: 2 threads against two 1-thread loops side by side
 *   core-exchange what moving data between two cores costs here: a cache line's round trip, one 2-thread step's exchange
 *   weight-checks  the products' finite-weight test of a 64 x 64 weight, scalar loop against vectors (WeightCheckBench)
 *                 (neuralglm.train.ThreadStepBench; --variants DIR1,DIR2 compares other builds in the same rounds)
 * </pre>
 * Every workload takes {@code --pin-cpu N}: the calling thread (the one that runs a 1-thread workload) is pinned to CPU
 * N ({@link Pin}).
 */
public final class BenchMain {

    /** Weka's MLP logs failed native-BLAS lookups; kept referenced so the level sticks. */
    private static final java.util.logging.Logger NETLIB = java.util.logging.Logger.getLogger("com.github.fommil");

    private BenchMain() {
    }

    /**
     * @param args workload name, then its options
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        NETLIB.setLevel(java.util.logging.Level.OFF);
        final String what = args.length == 0 ? "notebook" : args[0];
        final BenchArgs a = new BenchArgs(args, Math.min(1, args.length));
        Pin.currentThread(a.integer("pin-cpu", -1));
        switch (what) {
            case "notebook":
                NotebookBench.run(a);
                break;
            case "large":
                LargeBench.run(a);
                break;
            case "glm":
                GlmBench.run(a);
                break;
            case "heldout":
                HeldoutBench.run(a);
                break;
            case "stream":
                StreamStudy.run(a);
                break;
            case "kernel":
                KernelBench.run(a);
                break;
            case "row-kernels":
                RowKernelBench.run(a);
                break;
            case "step-variants":
                neuralglm.train.StepVariantsBench.run(java.nio.file.Path.of(a.string("data", "target/bench-data")).resolve("large_poisson.bin"),
                        a.integer("steps", 2000), a.integer("rounds", 8), a.list("variants", java.util.List.of()));
                break;
            case "row-loops":
                RowLoopBench.run(a);
                break;
            case "weight-checks":
                neuralglm.linalg.WeightCheckBench.run(a.integer("rounds", 9));
                break;
            case "thread-steps":
                neuralglm.train.ThreadStepBench.run(java.nio.file.Path.of(a.string("data", "target/bench-data")).resolve("large_poisson.bin"),
                        a.integer("steps", 1000), a.integer("rounds", 8), a.list("variants", java.util.List.of()),
                        a.real("momentum", 0.9));
                break;
            case "core-exchange":
                CoreExchange.main(a);
                break;
            case "weka-large":
                WekaBench.large(a);
                break;
            case "weka-notebook":
                WekaBench.notebook(a);
                break;
            case "weka-predict":
                WekaBench.predict(a);
                break;
            default:
                throw new IllegalArgumentException("Unknown workload " + what + "; usage: BenchMain notebook [options]; args were "
                        + Arrays.toString(args));
        }
    }
}
