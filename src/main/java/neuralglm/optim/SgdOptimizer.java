package neuralglm.optim;

import neuralglm.nn.Parameter;

/**
 * Stochastic gradient descent with optional (Nesterov) momentum, dampening and weight decay, as PyTorch's
 * {@code torch.optim.SGD}:
 * <pre>
 *   g = grad + lambda theta
 *   b = mu b + (1 - dampening) g   (b = g on the first step; dampening 0 by default, Nesterov needs 0)
 *   theta -= lr (g + mu b)         Nesterov
 *   theta -= lr b                  standard momentum (plain SGD when mu = 0)
 * </pre>
 */
public final class SgdOptimizer extends ElementwiseOptimizer implements ScheduledRate, ScheduledMomentum {
    private static final long serialVersionUID = 1L;

    private double lr;
    private double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final double dampening;

    private transient double[][] buffers;
    /** Whether the current step is the first (momentum: b = g). */
    private transient boolean first;

    /** @param lr learning rate &gt; 0 (plain SGD) */
    public SgdOptimizer(double lr) {
        this(lr, 0.0, false, 0.0);
    }

    /**
     * @param lr          learning rate &gt; 0
     * @param momentum    momentum coefficient in [0, 1)
     * @param nesterov    Nesterov momentum (needs momentum &gt; 0)
     * @param weightDecay L2 penalty coefficient lambda &gt;= 0
     */
    public SgdOptimizer(double lr, double momentum, boolean nesterov, double weightDecay) {
        this(lr, momentum, 0.0, nesterov, weightDecay);
    }

    /**
     * @param lr          learning rate &gt; 0
     * @param momentum    momentum coefficient in [0, 1)
     * @param dampening   the share of the gradient kept out of the momentum buffer after the first step (PyTorch's
     *                    {@code dampening}, any finite number as there; 0 with Nesterov momentum)
     * @param nesterov    Nesterov momentum (needs momentum &gt; 0)
     * @param weightDecay L2 penalty coefficient lambda &gt;= 0
     */
    public SgdOptimizer(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        this.lr = positive("SGD learning rate", lr);
        if (!Double.isFinite(dampening)) {
            throw new IllegalArgumentException("SGD dampening must be a finite number, got " + dampening);
        }
        if (nesterov && dampening != 0) {
            throw new IllegalArgumentException("SGD Nesterov momentum needs a dampening of 0, got " + dampening);
        }
        this.dampening = dampening;
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD momentum must be in [0, 1), got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("SGD Nesterov momentum needs a momentum > 0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = nonNegative("SGD weight decay", weightDecay);
    }

    /** @return the learning rate */
    public double lr() { return lr; }

    @Override
    public void setLearningRate(double lr) {
        this.lr = finite("SGD learning rate", lr);
    }

    /** @return the momentum coefficient */
    public double momentum() { return momentum; }

    @Override
    public void setMomentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD momentum must be in [0, 1), got " + momentum);
        }
        if (momentum > 0 && buffers == null && params != null) {
            buffers = new double[params.size()][];   // started at the next step (b = g), as PyTorch's
        }
        this.momentum = momentum;
    }

    /** @return whether momentum is Nesterov's */
    public boolean nesterov() { return nesterov; }

    /** @return the weight decay */
    public double weightDecay() { return weightDecay; }

    /** @return the dampening of the momentum buffer (0: the whole gradient enters it) */
    public double dampening() { return dampening; }

    /**
     * The largest weight decay under which the penalty's own iteration is stable at this learning rate and momentum.
     * On the penalty alone (a quadratic of curvature lambda) a weight follows {@code theta_{k+1} = theta_k - lr lambda
     * theta_k + mu (theta_k - theta_{k-1})} (heavy ball), or {@code theta_{k+1} = (1 - lr lambda)((1 + mu) theta_k -
     * mu theta_{k-1})} (Nesterov); the roots of their characteristic polynomials stay inside the unit circle iff
     * <pre>
     *   lr lambda &lt; 2 (1 + mu)                  heavy ball (plain SGD: 2)
     *   lr lambda &lt; 2 (1 + mu) / (1 + 2 mu)     Nesterov
     * </pre>
     * With a dampening d (and momentum) the gradient enters the buffer times 1 - d: lr becomes lr (1 - d) above
     * (no limit at d = 1; at d &gt; 1 every step moves away from 0, the limit is negative).
     * Above it every step multiplies the weights' distance from 0 by more than 1 whatever the data (a loss's own
     * curvature only lowers the bound), so training diverges.
     *
     * @return the bound on lambda, {@code 2 (1 + mu) / lr} or {@code 2 (1 + mu) / ((1 + 2 mu) lr)}
     */
    public double stableWeightDecayLimit() {
        return 2 * (1 + momentum) / ((nesterov ? 1 + 2 * momentum : 1) * lr * (momentum > 0 ? 1 - dampening : 1));
    }

    @Override
    protected void resetState() {
        buffers = momentum > 0 ? new double[params.size()][] : null;
    }

    @Override
    public Optimizer copy() {
        return new SgdOptimizer(lr, momentum, dampening, nesterov, weightDecay);
    }

    @Override
    protected void beginStep() {
        first = false;
        if (buffers != null) {
            for (int p = 0; p < buffers.length; p++) {
                if (buffers[p] == null) { // the first step: b = g
                    buffers[p] = new double[params.get(p).size()];
                    first = true;
                }
            }
        }
    }

    @Override
    protected void update(int param, int from, int to, double[] grad) {
        final Parameter p = params.get(param);
        final double[] theta = p.value().data;
        if (momentum == 0) {
            for (int i = from; i < to; i++) {
                theta[i] -= lr * (grad[i] + weightDecay * theta[i]);
            }
        } else {
            // the weights in a loop of their own, which stores nothing else (ElementwiseOptimizer): the same numbers
            final double[] b = buffers[param];
            if (dampening == 0 || first) {
                for (int i = from; i < to; i++) {
                    final double g = grad[i] + weightDecay * theta[i];
                    b[i] = first ? g : momentum * b[i] + g;
                }
            } else {
                final double keep = 1 - dampening;
                for (int i = from; i < to; i++) {
                    b[i] = momentum * b[i] + keep * (grad[i] + weightDecay * theta[i]);
                }
            }
            if (nesterov) {
                for (int i = from; i < to; i++) {
                    theta[i] -= lr * (grad[i] + weightDecay * theta[i] + momentum * b[i]);
                }
            } else {
                for (int i = from; i < to; i++) {
                    theta[i] -= lr * b[i];
                }
            }
        }
    }

    @Override
    public String toString() {
        return "SGD(lr=" + lr + ", momentum=" + momentum + (dampening != 0 ? ", dampening=" + dampening : "")
                + (nesterov ? ", nesterov" : "")
                + ", weightDecay=" + weightDecay + ")";
    }

    /**
     * @return momentum_buffer (with momentum; null for a parameter before its first step, whose buffer starts as its
     *         gradient), as PyTorch's SGD names it
     */
    @Override
    public java.util.Map<String, double[][]> namedState() {
        return buffers == null ? java.util.Map.of() : java.util.Map.of("momentum_buffer", buffers);
    }

    @Override
    protected void stepsRestored(long steps) {
        if (buffers != null) {
            for (int p = 0; p < buffers.length; p++) {
                if (steps > 0 && buffers[p] == null) {
                    buffers[p] = new double[params.get(p).size()];
                } else if (steps == 0) {
                    buffers[p] = null;   // the next step starts the buffer from the gradient, as PyTorch's first
                }
            }
        }
    }
}
