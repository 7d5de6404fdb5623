package weka.classifiers.functions.neuralglm;

import neuralglm.optim.Optimizer;
import neuralglm.optim.SgdOptimizer;
import weka.core.OptionMetadata;

/** Stochastic gradient descent with (Nesterov) momentum. */
public class SGD extends OptimizerSpec {
    private static final long serialVersionUID = 1L;

    private double lr = 0.01;
    private double momentum = 0.9;
    private boolean nesterov;

    @Override
    public String globalInfo() {
        return "Stochastic gradient descent with momentum (PyTorch's torch.optim.SGD): v <- momentum v + g, "
                + "theta <- theta - lr v (Nesterov: theta <- theta - lr (g + momentum v)). Works with mini-batches.";
    }

    /** @return the learning rate */
    @OptionMetadata(displayName = "lr", description = "The learning rate (step size) > 0; default 0.01, safe for "
            + "standardised inputs. Too large a rate makes training diverge (the error message says so).",
            commandLineParamName = "lr", commandLineParamSynopsis = "-lr <double>", displayOrder = 1)
    public double getLr() {
        return lr;
    }

    /** @param value the learning rate &gt; 0 */
    public void setLr(double value) {
        lr = value;
    }

    /** @return the momentum */
    @OptionMetadata(displayName = "momentum", description = "The momentum coefficient in [0, 1); default 0.9, "
            + "the usual choice; 0 gives plain gradient descent.",
            commandLineParamName = "momentum", commandLineParamSynopsis = "-momentum <double>", displayOrder = 2)
    public double getMomentum() {
        return momentum;
    }

    /** @param value the momentum in [0, 1) */
    public void setMomentum(double value) {
        momentum = value;
    }

    /** @return whether Nesterov momentum is used */
    @OptionMetadata(displayName = "nesterov", description = "Use Nesterov's accelerated momentum (off by default).",
            commandLineParamName = "nesterov", commandLineParamSynopsis = "-nesterov", commandLineParamIsFlag = true,
            displayOrder = 3)
    public boolean getNesterov() {
        return nesterov;
    }

    /** @param value whether to use Nesterov momentum */
    public void setNesterov(boolean value) {
        nesterov = value;
    }

    @Override
    public Optimizer create(double weightDecay) {
        return new SgdOptimizer(lr, momentum, nesterov, weightDecay);
    }
}
