package weka.classifiers.functions.neuralglm;

import neuralglm.optim.AdamOptimizer;
import neuralglm.optim.Optimizer;
import weka.core.OptionMetadata;

/** Adam with PyTorch's default betas and epsilon. */
public class Adam extends OptimizerSpec {
    private static final long serialVersionUID = 1L;

    private double lr = 0.001;

    @Override
    public String globalInfo() {
        return "Adam (Kingma and Ba, 2015) with beta1 = 0.9, beta2 = 0.999, eps = 1e-8, as torch.optim.Adam. "
                + "The usual choice for mini-batch training of networks with hidden layers.";
    }

    /** @return the learning rate */
    @OptionMetadata(displayName = "lr", description = "The learning rate > 0; default 0.001 (PyTorch's default). "
            + "Each step moves a weight by about lr, so raise it (e.g. 0.01) or the epochs for a short run.",
            commandLineParamName = "lr", commandLineParamSynopsis = "-lr <double>", displayOrder = 1)
    public double getLr() {
        return lr;
    }

    /** @param value the learning rate &gt; 0 */
    public void setLr(double value) {
        lr = value;
    }

    @Override
    public Optimizer create(double weightDecay) {
        return new AdamOptimizer(lr, 0.9, 0.999, 1e-8, weightDecay);
    }
}
