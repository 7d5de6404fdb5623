package weka.classifiers.functions.neuralglm;

import neuralglm.optim.LbfgsOptimizer;
import neuralglm.optim.Optimizer;
import weka.core.OptionMetadata;

/** Full-batch L-BFGS with a strong-Wolfe line search; one epoch is one quasi-Newton iteration. */
public class LBFGS extends OptimizerSpec {
    private static final long serialVersionUID = 1L;

    private double tolerance = 1e-9;

    @Override
    public String globalInfo() {
        return "Limited-memory BFGS (history 10) with a strong-Wolfe line search, on the full batch (mini-batch "
                + "size must be 0). No learning rate to tune, deterministic, and it finds the maximum-likelihood GLM "
                + "when there is no hidden layer. Each epoch is one quasi-Newton iteration; training stops early when "
                + "the largest gradient entry falls below the tolerance.";
    }

    /** @return the gradient tolerance */
    @OptionMetadata(displayName = "tolerance", description = "Stop when the largest absolute entry of the gradient "
            + "of the mean NLL is at most this (> 0); default 1e-9, i.e. run to numerical convergence.",
            commandLineParamName = "tolerance", commandLineParamSynopsis = "-tolerance <double>", displayOrder = 1)
    public double getTolerance() {
        return tolerance;
    }

    /** @param value the gradient tolerance &gt; 0 */
    public void setTolerance(double value) {
        tolerance = value;
    }

    @Override
    public Optimizer create(double weightDecay) {
        return new LbfgsOptimizer(tolerance, 10, weightDecay);
    }
}
