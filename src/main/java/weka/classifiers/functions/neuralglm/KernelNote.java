package weka.classifiers.functions.neuralglm;

import neuralglm.linalg.Kernels;

/**
 * What to tell a user whose JVM runs without the Vector API module ({@code jdk.incubator.vector}, not loaded by Weka's
 * default JVM, and which {@link neuralglm.linalg.VectorModule} could not load at run time): why, and the exact line that
 * turns on the faster kernels for the
 * networks they speed up ({@code Sequential.trainsFasterWithVectorApi}: float64 networks with a layer of 49 to 64 units,
 * trained on the row pass, and float32 networks with a layer of 49 to 128 units, trained by columns; narrower networks
 * train by columns and wider float64 layers on the same loops, as fast in any JVM).
 * Said once per JVM on standard error and in the Explorer's log, and in the report of every model it concerns.
 */
public final class KernelNote {

    /** The exact Java option that turns on the Vector API kernels. */
    public static final String OPTION = "--add-modules jdk.incubator.vector";

    /** The environment setting by which Java's launcher adds {@link #OPTION} to every JVM it starts. */
    public static final String ENVIRONMENT = "JDK_JAVA_OPTIONS=--add-modules=jdk.incubator.vector";

    /** The measured gain, in words (src/bench/SPEED.md, sessions of 2026-12-04 and 2026-12-05). */
    static final String GAIN = "a 20-64-64-1 network's epochs take about 0.7 of the time in float64 and 0.5 in float32 "
            + "from a JVM's second build on; its first build takes about a second longer while the JIT compiles the "
            + "Vector API kernels";

    private KernelNote() {
    }

    /** @return whether this JVM trains on the plain-Java kernels although the Vector API ones were not turned off */
    public static boolean withoutVectorApi() {
        return !Kernels.vectorised() && !Boolean.getBoolean("neuralglm.scalar");
    }

    /** @return the note for the console and the log: which kernels run and the line that turns on the faster ones */
    public static String forLog() {
        final String why = neuralglm.linalg.VectorModule.failure();
        return "NeuralGLM: this JVM runs without the Vector API module" + (why == null ? "" : " (loading it at run time "
                + "did not work: " + why + ")") + ", so networks with layers of 49 to 64 units (49 to 128 in float32) train "
                + "on plain-Java kernels (vectorised by the JIT); with the module they train faster (" + GAIN
                + "). Start Weka's JVM with the option " + OPTION + " (for example: java " + OPTION + " -jar weka.jar), "
                + "or set the environment variable " + ENVIRONMENT + " before starting Weka; the results are the same to "
                + "the bit. Narrower networks (the default's 16 units) and wider float64 layers train as fast without it.";
    }

    /**
     * @param vectorApiFaster whether the model's network is one the module trains faster
     *                            ({@code Sequential.trainsFasterWithVectorApi})
     * @return the report's line in this JVM: where the module was loaded at run time, that it was; where it is missing,
     *         how to get it; null when the Vector API would not have sped its training up (it was loaded at the JVM's
     *         start, turned off, or the network is not one it speeds up: layers at most 48 units wide)
     */
    public static String forReport(boolean vectorApiFaster) {
        if (vectorApiFaster && Kernels.vectorised() && neuralglm.linalg.VectorModule.loadedAtRunTime()) {
            return "the Vector API's (module jdk.incubator.vector, which NeuralGLM loaded at run time as this JVM was "
                    + "started without it; -Dneuralglm.loadVectorModule=false keeps the plain-Java kernels, with the same "
                    + "results to the bit and a smaller heap)";
        }
        if (!vectorApiFaster || !withoutVectorApi()) {
            return null;
        }
        return "plain Java in this JVM (no Vector API module); this network trains faster (" + GAIN + ") with java "
                + OPTION + " -jar weka.jar, or with " + ENVIRONMENT + " set before Weka starts; the results are the same "
                + "to the bit";
    }
}
