package neuralglm.jython;

import org.python.core.Py;
import org.python.core.PyObject;

/**
 * A loss as a callable object, as PyTorch's {@code nn.MSELoss()} and friends: {@code loss(input,
 * target)} calls the {@link Functional} loss of the same name with this object's options
 * ({@code reduction}; {@code beta}/{@code delta} for the robust ones; {@code weight}, {@code pos_weight},
 * {@code ignore_index}, {@code label_smoothing} for the cross-entropies; {@code log_target} for kl_div).
 */
public class Loss {
    private final String function;
    private String reduction = "mean";
    private double beta = 1.0;
    private boolean logInput = true;
    private boolean full;
    private double eps = 1e-8;
    private Tensor weight;
    private Tensor posWeight;
    private int ignoreIndex = -100;
    private double labelSmoothing;
    private boolean logTarget;

    /**
     * @param function a {@link Functional} loss name, e.g. {@code mse_loss}
     */
    public Loss(String function) {
        this.function = function;
    }

    /** @return 'mean', 'sum', 'none' (or 'batchmean' for kl_div) */
    public String getReduction() { return reduction; }

    /** @param reduction 'mean', 'sum', 'none' (or 'batchmean' for kl_div) */
    public void setReduction(String reduction) {
        Functional.reduce(Tensor.scalar(0.0), reduction);
        this.reduction = reduction;
    }

    /** @return the threshold of smooth_l1_loss */
    public double getBeta() { return beta; }

    /** @param beta the threshold of smooth_l1_loss (&gt; 0) */
    public void setBeta(double beta) { this.beta = beta; }

    /** @return the threshold of huber_loss */
    public double getDelta() { return beta; }

    /** @param delta the threshold of huber_loss (&gt; 0) */
    public void setDelta(double delta) { this.beta = delta; }

    /** @return PoissonNLLLoss's log_input: the input is log(rate) (default True) */
    public boolean getLog_input() { return logInput; }

    /** @param v PoissonNLLLoss's log_input */
    public void setLog_input(boolean v) { logInput = v; }

    /** @return PoissonNLLLoss's full: add Stirling's approximation of log(y!) (default False) */
    public boolean getFull() { return full; }

    /** @param v PoissonNLLLoss's full */
    public void setFull(boolean v) { full = v; }

    /** @return PoissonNLLLoss's eps, added to the rate before its log when log_input is False */
    public double getEps() { return eps; }

    /** @param v PoissonNLLLoss's eps */
    public void setEps(double v) { eps = v; }

    /** @return the weight (per entry for BCELoss/BCEWithLogitsLoss, per class for CrossEntropyLoss/NLLLoss), or None */
    public Tensor getWeight() { return weight; }

    /** @param v the weight, or None */
    public void setWeight(Tensor v) { weight = v; }

    /** @return BCEWithLogitsLoss's pos_weight (the weight of positive targets, per column), or None */
    public Tensor getPos_weight() { return posWeight; }

    /** @param v BCEWithLogitsLoss's pos_weight, or None */
    public void setPos_weight(Tensor v) { posWeight = v; }

    /** @return the class index whose rows CrossEntropyLoss/NLLLoss leave out (default -100) */
    public int getIgnore_index() { return ignoreIndex; }

    /** @param v the class index to leave out */
    public void setIgnore_index(int v) { ignoreIndex = v; }

    /** @return CrossEntropyLoss's label_smoothing (default 0) */
    public double getLabel_smoothing() { return labelSmoothing; }

    /** @param v CrossEntropyLoss's label_smoothing in [0, 1] */
    public void setLabel_smoothing(double v) { labelSmoothing = v; }

    /** @return KLDivLoss's log_target: the target is given as log-probabilities (default False) */
    public boolean getLog_target() { return logTarget; }

    /** @param v KLDivLoss's log_target */
    public void setLog_target(boolean v) { logTarget = v; }

    /**
     * @param input  prediction
     * @param target target
     * @return the loss
     */
    public Tensor __call__(PyObject input, PyObject target) {
        final java.util.List<PyObject> values = new java.util.ArrayList<>(java.util.List.of(input, target));
        final java.util.List<String> names = new java.util.ArrayList<>();
        option(values, names, "reduction", Py.newString(reduction));
        switch (function) {
            case "smooth_l1_loss": option(values, names, "beta", Py.newFloat(beta)); break;
            case "huber_loss": option(values, names, "delta", Py.newFloat(beta)); break;
            case "poisson_nll_loss":
                option(values, names, "log_input", Py.newBoolean(logInput));
                option(values, names, "full", Py.newBoolean(full));
                option(values, names, "eps", Py.newFloat(eps));
                break;
            case "kl_div": option(values, names, "log_target", Py.newBoolean(logTarget)); break;
            case "cross_entropy": option(values, names, "label_smoothing", Py.newFloat(labelSmoothing)); break;
            default: break;
        }
        if (ignoreIndex != -100) {
            option(values, names, "ignore_index", Py.newInteger(ignoreIndex));
        }
        if (weight != null) {
            option(values, names, "weight", Py.java2py(weight));
        }
        if (posWeight != null) {
            option(values, names, "pos_weight", Py.java2py(posWeight));
        }
        return Functional.loss(function, values.toArray(new PyObject[0]), names.toArray(new String[0]));
    }

    private static void option(java.util.List<PyObject> values, java.util.List<String> names, String name, PyObject value) {
        values.add(value);
        names.add(name);
    }

    @Override
    public String toString() {
        return function + "(reduction=" + reduction + ")";
    }
}
