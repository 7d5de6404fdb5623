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
