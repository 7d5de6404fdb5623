package weka.classifiers.functions.neuralglm;

import neuralglm.linalg.Kernels;

/**
 * What to tell a user whose JVM runs without the Vector API module ({@code jdk.incubator.vector}, not loaded
 * by Weka's default JVM and not loadable by a library at run time): the exact line that turns on the faster
 * kernels. Said once per JVM on standard error and in the Explorer's log, and in the report of every network
 * it concerns (a layer wider than 48 units; narrower layers train as fast without it).
 */
public final class KernelNote {

    /** The exact Java option that turns on the Vector API kernels. */
    public static final String OPTION = "--add-modules jdk.incubator.vector";

    /** The environment setting by which Java's launcher adds {@link #OPTION} to every JVM it starts. */
    public static final String ENVIRONMENT = "JDK_JAVA_OPTIONS=--add-modules=jdk.incubator.vector";

    private KernelNote() {
    }

    /** @return whether this JVM trains on the plain-Java kernels although the Vector API ones were not turned off */
    public static boolean withoutVectorApi() {
        return !Kernels.vectorised() && !Boolean.getBoolean("neuralglm.scalar");
    }

    /** @return the note for the log: which kernels run and the line that turns on the faster ones */
    public static String forLog() {
        return "NeuralGLM: this JVM runs without the Vector API module, so training uses the plain-Java "
                + "kernels, vectorised by the JIT. Networks whose layers are at most 48 units wide (the default 16) "
                + "lose nothing; wider layers train somewhat slower (a 20-64-64-1 build about 1.1x slower end to "
                + "end). For the fastest kernels, start Weka's JVM with the option " + OPTION
                + " (for example: java " + OPTION + " -jar weka.jar), or set the environment variable "
                + ENVIRONMENT + " before starting Weka; the results are the same to the bit.";
    }

    /**
     * @param trainedOnRowKernels whether the model's network (each member of an average) trained on the row kernels: a
     *                            float64 layer wider than 48 units ({@code Sequential.hasRowMajorLayers})
     * @return the report's line in this JVM, or null when the Vector API would not have sped its training up (it is
     *         loaded, turned off, or the network trained on the column kernels: layers at most 48 units wide, float32)
     */
    public static String forReport(boolean trainedOnRowKernels) {
        if (!trainedOnRowKernels || !withoutVectorApi()) {
            return null;
        }
        return "plain Java in this JVM (no Vector API module); layers wider than 48 units train faster (a 20-64-64-1 "
                + "build about 1.1x) with java " + OPTION + " -jar weka.jar, or with " + ENVIRONMENT
                + " set before Weka starts; the results are the same to the bit";
    }
}
