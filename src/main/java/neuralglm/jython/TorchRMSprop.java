package neuralglm.jython;

import java.util.Map;

import neuralglm.optim.Optimizer;
import neuralglm.optim.RmspropOptimizer;
import org.python.core.Py;
import org.python.core.PyObject;

/**
 * {@code optim.RMSprop(params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False)} over
 * the engine's {@link neuralglm.optim.RmspropOptimizer}, PyTorch 1.13's update.
 */
public class TorchRMSprop extends TorchOptimizer {
    private double alpha = 0.99;
    private double eps = 1e-8;
    private double weightDecay;
    private double momentum;
    private boolean centered;

    /** @param params parameters, e.g. {@code net.parameters()}; lr defaults to 1e-2 */
    public TorchRMSprop(PyObject params) {
        super(params, 1e-2);
        rebuild();
    }

    /** @param params parameters @param lr learning rate &gt; 0 */
    public TorchRMSprop(PyObject params, double lr) {
        super(params, lr);
        setLr(lr);
    }

    @Override String name() { return "RMSprop"; }

    @Override String options() { return "lr, alpha, eps, weight_decay, momentum, centered"; }

    @Override
    void groupOptions(Map<String, PyObject> o) {
        o.put("lr", Py.newFloat(lr));
        o.put("momentum", zeroAsInt(momentum));
        o.put("alpha", Py.newFloat(alpha));
        o.put("eps", Py.newFloat(eps));
        o.put("centered", Py.newBoolean(centered));
        o.put("weight_decay", zeroAsInt(weightDecay));
        o.put("foreach", Py.None);
        o.put("maximize", Py.False);
        o.put("differentiable", Py.False);
    }

    /** PyTorch 1.13's RMSprop keeps its step count as an int. */
    @Override
    void putStep(org.python.core.PyDictionary entry, long steps) {
        entry.__setitem__("step", Py.newInteger((int) steps));
    }

    @Override
    Optimizer make() {
        return new RmspropOptimizer(lr, alpha, eps, weightDecay, momentum, centered);
    }

    /** @return the smoothing constant */
    public double getAlpha() { return alpha; }
    /** @param a smoothing constant in [0, 1] */
    public void setAlpha(double a) { final double old = alpha; alpha = a; retry(() -> alpha = old); }
    /** @return eps */
    public double getEps() { return eps; }
    /** @param e denominator guard &gt; 0 */
    public void setEps(double e) { final double old = eps; eps = e; retry(() -> eps = old); }
    /** @return the L2 penalty */
    public double getWeight_decay() { return weightDecay; }
    /** @param w L2 penalty &gt;= 0 */
    public void setWeight_decay(double w) { final double old = weightDecay; weightDecay = w; retry(() -> weightDecay = old); }
    /** @return the momentum */
    public double getMomentum() { return momentum; }

    @Override
    boolean scheduleMomentum(String key, PyObject value) {
        return momentumKey(key, value, m -> momentum = m);
    }
    /** @param m momentum &gt;= 0 */
    public void setMomentum(double m) { final double old = momentum; momentum = m; retry(() -> momentum = old); }
    /** @return whether the denominator is centred */
    public boolean getCentered() { return centered; }
    /** @param c centred RMSprop (the gradient's running variance in the denominator) */
    public void setCentered(boolean c) { final boolean old = centered; centered = c; retry(() -> centered = old); }
}
