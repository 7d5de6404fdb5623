package neuralglm.jython;

import org.ejml.data.DMatrixRMaj;

/**
 * How a tensor was computed: the operation's name, its inputs, and its vector-Jacobian product
 * {@code dL/d inputs = backward(dL/d output)} (one entry per input; null where an input needs none).
 */
final class Node {

    /** The vector-Jacobian product of one operation. */
    @FunctionalInterface
    interface Backward {
        /**
         * @param gradOut {@code dL/d output}, the output's storage shape. Not modified.
         * @return {@code dL/d input} for each input, in the inputs' storage shapes (entries may be null)
         */
        DMatrixRMaj[] apply(DMatrixRMaj gradOut);
    }

    /**
     * The operations whose backward in PyTorch 1.13 reads values saved by the forward (a product its factors, an
     * activation its input or output), which PyTorch frees after a backward without {@code retain_graph=True}: a
     * second backward through one of them fails there. The others (sums, means, views, transposes, selections, cat,
     * clone, addition, subtraction, negation) save none and may be run through again, as in PyTorch.
     */
    private static final java.util.Set<String> SAVING = java.util.Set.of("MulBackward", "DivBackward", "PowBackward",
            "MmBackward", "ExpBackward", "LogBackward", "Log1pBackward", "AbsBackward", "SqrtBackward", "SinBackward",
            "CosBackward", "ReluBackward", "SigmoidBackward", "TanhBackward", "SoftplusBackward", "EluBackward",
            "LeakyReluBackward", "SoftmaxBackward", "LogSoftmaxBackward", "LogsumexpBackward", "MaxBackward",
            "MinBackward", "MaximumBackward", "MinimumBackward", "ClampBackward", "NormBackward", "NllBackward",
            "XlogyBackward", "VarBackward", "MseLossBackward", "BinaryCrossEntropyBackward",
            "BinaryCrossEntropyWithLogitsBackward", "NllLossBackward", "SmoothL1LossBackward", "HuberLossBackward",
            "AddmmBackward", "MvBackward", "DotBackward", "StdBackward", "Log1PBackward");

    final String name;
    final Tensor[] inputs;
    final Backward backward;
    /** Whether the backward reads values saved by the forward (see {@link #SAVING}). */
    final boolean saves;
    /** Whether a backward without {@code retain_graph} has run through this node (its saved values are gone). */
    boolean freed;
    /** This operation as {@code grad_fn} shows it, made at the first look. */
    private GradFn gradFn;

    /** @return this operation's {@code grad_fn} object (the same one at every call) */
    GradFn gradFn() {
        if (gradFn == null) {
            gradFn = new GradFn(this);
        }
        return gradFn;
    }

    /**
     * @param name PyTorch 1.13's name of the operation's backward, with its overload digit ({@code MulBackward0},
     *             {@code SumBackward1}: what a tensor's {@code grad_fn} prints)
     */
    Node(String name, Tensor[] inputs, Backward backward) {
        this(name, inputs, backward, saves(name));
    }

    /** @return whether the operation of that name (its overload digit left out) saves values its backward reads */
    static boolean saves(String name) {
        int end = name.length();
        while (end > 0 && Character.isDigit(name.charAt(end - 1))) {
            end--;
        }
        return SAVING.contains(name.substring(0, end));
    }

    /**
     * @param saves whether the backward reads values saved by the forward (true for a layer, which keeps its input)
     */
    Node(String name, Tensor[] inputs, Backward backward, boolean saves) {
        this.name = name;
        this.inputs = inputs;
        this.backward = backward;
        this.saves = saves;
    }
}
