package neuralglm.optim;

import neuralglm.nn.Parameter;

/**
 * RMSprop, as PyTorch 1.13's {@code torch.optim.RMSprop} (Hinton's lecture 6e; centred as Graves, 2013),
 * with the state starting at zero:
 * <pre>
 *   g = grad + lambda theta
 *   s = alpha s + (1 - alpha) g^2
 *   a = alpha a + (1 - alpha) g,   d = sqrt(s - a^2) + eps      centred
 *                                  d = sqrt(s) + eps            otherwise
 *   b = mu b + g / d,   theta -= lr b                           with momentum mu &gt; 0
 *   theta -= lr g / d                                           without
 * </pre>
 */
public final class RmspropOptimizer extends ElementwiseOptimizer implements ScheduledRate, ScheduledMomentum {
    private static final long serialVersionUID = 1L;

    private double lr;
    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private double momentum;
    private final boolean centered;

    private transient double[][] square;
    private transient double[][] mean;
    private transient double[][] buffers;

    /**
     * @param lr          learning rate &gt; 0
     * @param alpha       smoothing constant in [0, 1]
     * @param eps         denominator guard &gt; 0
     * @param weightDecay L2 penalty coefficient lambda &gt;= 0
     * @param momentum    momentum coefficient &gt;= 0
     * @param centered    whether the denominator is the centred second moment (the gradient's variance)
     */
    public RmspropOptimizer(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered) {
        this.lr = positive("RMSprop learning rate", lr);
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("RMSprop alpha must be in [0, 1], got " + alpha);
        }
        this.alpha = alpha;
        this.eps = positive("RMSprop eps", eps);
        this.weightDecay = nonNegative("RMSprop weight decay", weightDecay);
        this.momentum = nonNegative("RMSprop momentum", momentum);
        this.centered = centered;
    }

    @Override
    public void setLearningRate(double lr) {
        this.lr = finite("RMSprop learning rate", lr);
    }

    @Override
    protected void resetState() {
        square = new double[params.size()][];
        mean = centered ? new double[params.size()][] : null;
        buffers = momentum > 0 ? new double[params.size()][] : null;
        for (int i = 0; i < params.size(); i++) {
            square[i] = new double[params.get(i).size()];
            if (centered) {
                mean[i] = new double[params.get(i).size()];
            }
            if (momentum > 0) {
                buffers[i] = new double[params.get(i).size()];
            }
        }
    }

    /** mu of the coming steps; a buffer not kept before (mu was 0) starts at zeros */
    @Override
    public void setMomentum(double momentum) {
        nonNegative("RMSprop momentum", momentum);
        if (momentum > 0 && buffers == null && params != null) {
            buffers = new double[params.size()][];
            for (int i = 0; i < params.size(); i++) {
                buffers[i] = new double[params.get(i).size()];
            }
        }
        this.momentum = momentum;
    }

    @Override
    public Optimizer copy() {
        return new RmspropOptimizer(lr, alpha, eps, weightDecay, momentum, centered);
    }

    @Override
    protected void beginStep() {
    }

    @Override
    protected void update(int param, int from, int to, double[] grad) {
        final Parameter p = params.get(param);
        final double[] theta = p.value().data, s = square[param];
        final double[] a = centered ? mean[param] : null, b = momentum > 0 ? buffers[param] : null;
        for (int i = from; i < to; i++) {
            final double g = grad[i] + weightDecay * theta[i];
            s[i] = alpha * s[i] + (1 - alpha) * g * g;
            final double d;
            if (a != null) {
                a[i] = alpha * a[i] + (1 - alpha) * g;
                d = Math.sqrt(s[i] - a[i] * a[i]) + eps;
            } else {
                d = Math.sqrt(s[i]) + eps;
            }
            if (b != null) {
                b[i] = momentum * b[i] + g / d;
                theta[i] -= lr * b[i];
            } else {
                theta[i] -= lr * g / d;
            }
        }
    }

    @Override
    public String toString() {
        return "RMSprop(lr=" + lr + ", alpha=" + alpha + ", eps=" + eps + ", weightDecay=" + weightDecay
                + ", momentum=" + momentum + (centered ? ", centered" : "") + ")";
    }

    /** @return square_avg, momentum_buffer (with momentum) and grad_avg (centred), as PyTorch's RMSprop names them */
    @Override
    public java.util.Map<String, double[][]> namedState() {
        final java.util.Map<String, double[][]> out = new java.util.LinkedHashMap<>();
        out.put("square_avg", square);
        if (momentum > 0) {
            out.put("momentum_buffer", buffers);
        }
        if (centered) {
            out.put("grad_avg", mean);
        }
        return out;
    }
}
