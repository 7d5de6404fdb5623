package neuralglm.optim;

import neuralglm.nn.Parameter;

/**
 * Adagrad, as PyTorch 1.13's {@code torch.optim.Adagrad} (Duchi, Hazan and Singer, 2011), the sums starting
 * at {@code initial_accumulator_value}, t counting this optimiser's steps from 1:
 * <pre>
 *   g = grad + lambda theta
 *   lr_t = lr / (1 + (t - 1) lr_decay)
 *   s += g^2
 *   theta -= lr_t g / (sqrt(s) + eps)
 * </pre>
 */
public final class AdagradOptimizer extends ElementwiseOptimizer implements ScheduledRate {
    private static final long serialVersionUID = 1L;

    private double lr;
    private final double lrDecay;
    private final double weightDecay;
    private final double initialAccumulator;
    private final double eps;

    private transient double[][] sums;
    /** This step's decayed learning rate. */
    private transient double stepLr;

    /**
     * @param lr                 learning rate &gt; 0
     * @param lrDecay            learning-rate decay &gt;= 0
     * @param weightDecay        L2 penalty coefficient lambda &gt;= 0
     * @param initialAccumulator the sums' starting value &gt;= 0
     * @param eps                denominator guard &gt; 0
     */
    public AdagradOptimizer(double lr, double lrDecay, double weightDecay, double initialAccumulator, double eps) {
        this.lr = positive("Adagrad learning rate", lr);
        this.lrDecay = nonNegative("Adagrad lr_decay", lrDecay);
        this.weightDecay = nonNegative("Adagrad weight decay", weightDecay);
        this.initialAccumulator = nonNegative("Adagrad initial_accumulator_value", initialAccumulator);
        this.eps = positive("Adagrad eps", eps);
    }

    @Override
    public void setLearningRate(double lr) {
        this.lr = finite("Adagrad learning rate", lr);
    }

    @Override
    protected void resetState() {
        sums = new double[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            sums[i] = new double[params.get(i).size()];
            java.util.Arrays.fill(sums[i], initialAccumulator);
        }
    }

    @Override
    public Optimizer copy() {
        return new AdagradOptimizer(lr, lrDecay, weightDecay, initialAccumulator, eps);
    }

    @Override
    protected void beginStep() {
        stepLr = lr / (1 + (stepsTaken() - 1) * lrDecay);   // ElementwiseOptimizer counts the step before this call
    }

    @Override
    protected void update(int param, int from, int to, double[] grad) {
        final Parameter p = params.get(param);
        final double[] theta = p.value().data, s = sums[param];
        final double stepLr = this.stepLr;
        for (int i = from; i < to; i++) {
            final double g = grad[i] + weightDecay * theta[i];
            s[i] += g * g;
            theta[i] -= stepLr * g / (Math.sqrt(s[i]) + eps);
        }
    }

    @Override
    public String toString() {
        return "Adagrad(lr=" + lr + ", lrDecay=" + lrDecay + ", weightDecay=" + weightDecay
                + ", initialAccumulator=" + initialAccumulator + ", eps=" + eps + ")";
    }

    /** @return sum (the accumulated squared gradients), as PyTorch's Adagrad names it */
    @Override
    public java.util.Map<String, double[][]> namedState() {
        return java.util.Map.of("sum", sums);
    }

}
