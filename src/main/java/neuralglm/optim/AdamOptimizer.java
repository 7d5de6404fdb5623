package neuralglm.optim;

import neuralglm.nn.Parameter;

/**
 * Adam, as PyTorch's {@code torch.optim.Adam} (L2 weight decay added to the gradient):
 * <pre>
 *   Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015.
 *   g = grad + lambda theta
 *   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2
 *   theta -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 * With AMSGrad (Reddi, Kale and Kumar, "On the Convergence of Adam and Beyond", ICLR 2018; PyTorch's
 * {@code amsgrad=True}) the denominator takes the largest v so far, {@code vmax = max(vmax, v)}, in place of v.
 */
public final class AdamOptimizer extends ElementwiseOptimizer implements ScheduledRate, ScheduledMomentum {
    private static final long serialVersionUID = 1L;

    private double lr;
    private double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    /** Whether the denominator takes the largest second moment so far (AMSGrad). */
    private final boolean amsgrad;

    private transient double[][] m;
    private transient double[][] v;
    /** AMSGrad's largest v so far; null without AMSGrad. */
    private transient double[][] vmax;
    /** This step's {@code lr / (1 - b1^t)} and {@code sqrt(1 - b2^t)}. */
    private transient double stepSize;
    private transient double sqrtC2;

    /** @param lr learning rate &gt; 0; betas (0.9, 0.999), eps 1e-8, no weight decay */
    public AdamOptimizer(double lr) {
        this(lr, 0.9, 0.999, 1e-8, 0.0);
    }

    /**
     * @param lr          learning rate &gt; 0
     * @param beta1       first-moment decay in [0, 1)
     * @param beta2       second-moment decay in [0, 1)
     * @param eps         denominator guard &gt; 0
     * @param weightDecay L2 penalty coefficient &gt;= 0
     */
    public AdamOptimizer(double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(lr, beta1, beta2, eps, weightDecay, false);
    }

    /**
     * @param lr          learning rate &gt; 0
     * @param beta1       first-moment decay in [0, 1)
     * @param beta2       second-moment decay in [0, 1)
     * @param eps         denominator guard &gt; 0
     * @param weightDecay L2 penalty coefficient &gt;= 0
     * @param amsgrad     whether the denominator takes the largest second moment so far (AMSGrad)
     */
    public AdamOptimizer(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        this.amsgrad = amsgrad;
        this.lr = positive("Adam learning rate", lr);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = positive("Adam eps", eps);
        this.weightDecay = nonNegative("Adam weight decay", weightDecay);
    }

    /** @return the learning rate */
    public double lr() { return lr; }

    @Override
    public void setLearningRate(double lr) {
        this.lr = finite("Adam learning rate", lr);
    }

    /** @return the weight decay */
    public double weightDecay() { return weightDecay; }

    @Override
    protected void resetState() {
        m = new double[params.size()][];
        v = new double[params.size()][];
        vmax = amsgrad ? new double[params.size()][] : null;
        for (int i = 0; i < params.size(); i++) {
            m[i] = new double[params.get(i).size()];
            v[i] = new double[params.get(i).size()];
            if (amsgrad) {
                vmax[i] = new double[params.get(i).size()];
            }
        }
    }

    /** beta1 of the coming steps (the bias correction 1 - beta1^t uses the current beta1, as PyTorch's) */
    @Override
    public void setMomentum(double beta1) {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        this.beta1 = beta1;
    }

    @Override
    public Optimizer copy() {
        return new AdamOptimizer(lr, beta1, beta2, eps, weightDecay, amsgrad);
    }

    @Override
    protected void beginStep() {
        final long t = stepsTaken();   // counted by ElementwiseOptimizer before this call: 1 at the first step
        final double c1 = 1.0 - Math.pow(beta1, t), c2 = 1.0 - Math.pow(beta2, t);
        stepSize = lr / c1;
        sqrtC2 = Math.sqrt(c2);
    }

    @Override
    protected void update(int param, int from, int to, double[] grad) {
        final Parameter p = params.get(param);
        final double[] theta = p.value().data, mp = m[param], vp = v[param];
        final double stepSize = this.stepSize, sqrtC2 = this.sqrtC2;
        for (int i = from; i < to; i++) {
            final double g = grad[i] + weightDecay * theta[i];
            mp[i] = beta1 * mp[i] + (1 - beta1) * g;
            vp[i] = beta2 * vp[i] + (1 - beta2) * g * g;
        }
        if (amsgrad) {
            final double[] vm = vmax[param];
            for (int i = from; i < to; i++) {
                vm[i] = Math.max(vm[i], vp[i]);
            }
            for (int i = from; i < to; i++) {
                theta[i] -= stepSize * mp[i] / (Math.sqrt(vm[i]) / sqrtC2 + eps);
            }
            return;
        }
        // the weights in a loop of their own, which stores nothing else (ElementwiseOptimizer): the same numbers
        for (int i = from; i < to; i++) {
            theta[i] -= stepSize * mp[i] / (Math.sqrt(vp[i]) / sqrtC2 + eps);
        }
    }

    @Override
    public String toString() {
        return "Adam(lr=" + lr + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weightDecay=" + weightDecay
                + (amsgrad ? ", amsgrad=true" : "") + ")";
    }

    /** @return exp_avg (m), exp_avg_sq (v) and, with AMSGrad, max_exp_avg_sq, as PyTorch's Adam names them */
    @Override
    public java.util.Map<String, double[][]> namedState() {
        final java.util.Map<String, double[][]> out = new java.util.LinkedHashMap<>();
        out.put("exp_avg", m);
        out.put("exp_avg_sq", v);
        if (amsgrad) {
            out.put("max_exp_avg_sq", vmax);
        }
        return out;
    }

}
