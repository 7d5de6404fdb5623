package neuralglm.jython;

import org.python.core.Py;
import org.python.core.PyObject;

/**
 * A loss as a callable object, as PyTorch's {@code nn.MSELoss()} and friends: {@code loss(input,
 * target)} calls the {@link Functional} loss of the same name with this object's options
 * ({@code reduction}, and {@code beta}/{@code delta} for the robust ones).
 */
public class Loss {
    private final String function;
    private String reduction = "mean";
    private double beta = 1.0;
    private boolean logInput = true;
    private boolean full;
    private double eps = 1e-8;

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

    /**
     * @param input  prediction
     * @param target target
     * @return the loss
     */
    public Tensor __call__(Tensor input, Tensor target) {
        final PyObject[] args;
        final String[] kws;
        if (function.equals("smooth_l1_loss") || function.equals("huber_loss")) {
            args = new PyObject[] {Py.java2py(input), Py.java2py(target), Py.newString(reduction), Py.newFloat(beta)};
            kws = new String[] {"reduction", function.equals("huber_loss") ? "delta" : "beta"};
        } else if (function.equals("poisson_nll_loss")) {
            args = new PyObject[] {Py.java2py(input), Py.java2py(target), Py.newString(reduction), Py.newBoolean(logInput),
                Py.newBoolean(full), Py.newFloat(eps)};
            kws = new String[] {"reduction", "log_input", "full", "eps"};
        } else {
            args = new PyObject[] {Py.java2py(input), Py.java2py(target), Py.newString(reduction)};
            kws = new String[] {"reduction"};
        }
        return Functional.loss(function, args, kws);
    }

    @Override
    public String toString() {
        return function + "(reduction=" + reduction + ")";
    }
}
