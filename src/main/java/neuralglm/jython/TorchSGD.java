package neuralglm.jython;

import java.util.Map;

import neuralglm.optim.Optimizer;
import neuralglm.optim.SgdOptimizer;
import org.python.core.Py;
import org.python.core.PyObject;

/**
 * {@code optim.SGD(params, lr=..., momentum=0, dampening=0, nesterov=False, weight_decay=0)} over the engine's
 * {@link neuralglm.optim.SgdOptimizer}: {@code theta -= lr (grad + weight_decay theta)}, with (Nesterov)
 * momentum when asked, its buffer taking {@code 1 - dampening} of each later gradient.
 */
public class TorchSGD extends TorchOptimizer {
    private double momentum;
    private boolean nesterov;
    private double weightDecay;
    private double dampening;

    /**
     * {@code SGD(params, lr=...)}: Jython calls this, then sets the keyword arguments; without {@code lr} (which
     * PyTorch requires) the first {@code step()} fails with a one-line {@code ValueError}.
     *
     * @param params parameters, e.g. {@code net.parameters()}
     */
    public TorchSGD(PyObject params) {
        super(params, 1e-3);
        rebuild();
        lrMissing = true;
    }

    /** @param params parameters @param lr learning rate &gt; 0 */
    public TorchSGD(PyObject params, double lr) {
        super(params, lr);
        setLr(lr);
    }

    @Override String name() { return "SGD"; }

    @Override String options() { return "lr, momentum, dampening, nesterov, weight_decay"; }

    /** @return the share of each gradient after the first kept out of the momentum buffer (0 by default) */
    public double getDampening() { return dampening; }

    /** @param d PyTorch's dampening */
    public void setDampening(double d) { final double old = dampening; dampening = d; retry(() -> dampening = old); }

    @Override
    void groupOptions(Map<String, PyObject> o) {
        o.put("lr", Py.newFloat(lr));
        o.put("momentum", zeroAsInt(momentum));
        o.put("dampening", zeroAsInt(dampening));
        o.put("weight_decay", zeroAsInt(weightDecay));
        o.put("nesterov", Py.newBoolean(nesterov));
        o.put("maximize", Py.False);
        o.put("foreach", Py.None);
        o.put("differentiable", Py.False);
    }

    /** Nesterov momentum without momentum, or with a dampening, is refused with PyTorch's message. */
    @Override
    void checkSettings() {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw Errors.value("Nesterov momentum requires a momentum and zero dampening");
        }
    }

    /** PyTorch 1.13's SGD keeps no step count in its state. */
    @Override
    void putStep(org.python.core.PyDictionary entry, long steps) {
    }

    /** Without momentum PyTorch 1.13 lists {@code 'momentum_buffer': None}. */
    @Override
    void noneState(org.python.core.PyDictionary entry) {
        if (momentum == 0) {
            entry.__setitem__("momentum_buffer", Py.None);
        }
    }

    @Override
    Optimizer make() {
        // Jython sets keyword arguments in no fixed order (nesterov=True may come before momentum=0.9): the pair is
        // checked at the first step (checkSettings), as PyTorch checks it in its constructor
        return new SgdOptimizer(lr, momentum, dampening, nesterov && momentum > 0 && dampening == 0, weightDecay);
    }

    /** @return the momentum */
    public double getMomentum() { return momentum; }

    @Override
    boolean scheduleMomentum(String key, PyObject value) {
        return momentumKey(key, value, m -> momentum = m);
    }
    /** @param m momentum in [0, 1) */
    public void setMomentum(double m) { final double old = momentum; momentum = m; retry(() -> momentum = old); }
    /** @return whether momentum is Nesterov's */
    public boolean getNesterov() { return nesterov; }
    /** @param n Nesterov momentum (needs momentum &gt; 0) */
    public void setNesterov(boolean n) { final boolean old = nesterov; nesterov = n; retry(() -> nesterov = old); }
    /** @return the L2 penalty */
    public double getWeight_decay() { return weightDecay; }
    /** @param w L2 penalty &gt;= 0 */
    public void setWeight_decay(double w) { final double old = weightDecay; weightDecay = w; retry(() -> weightDecay = old); }
}
