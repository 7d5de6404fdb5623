package neuralglm.jython;

import java.util.Map;

import neuralglm.optim.AdagradOptimizer;
import neuralglm.optim.Optimizer;
import org.python.core.Py;
import org.python.core.PyObject;

/**
 * {@code optim.Adagrad(params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10)} over
 * the engine's {@link neuralglm.optim.AdagradOptimizer}, PyTorch 1.13's update; each parameter counts its own
 * steps (for lr_decay), which a step that passes over it (its {@code .grad} None) leaves as they are.
 */
public class TorchAdagrad extends TorchOptimizer {
    private double lrDecay;
    private double weightDecay;
    private double initialAccumulator;
    private double eps = 1e-10;

    /** @param params parameters, e.g. {@code net.parameters()}; lr defaults to 1e-2 */
    public TorchAdagrad(PyObject params) {
        super(params, 1e-2);
        rebuild();
    }

    /** @param params parameters @param lr learning rate &gt; 0 */
    public TorchAdagrad(PyObject params, double lr) {
        super(params, lr);
        setLr(lr);
    }

    @Override String name() { return "Adagrad"; }

    @Override String options() { return "lr, lr_decay, weight_decay, initial_accumulator_value, eps"; }

    @Override
    void groupOptions(Map<String, PyObject> o) {
        o.put("lr", Py.newFloat(lr));
        o.put("lr_decay", zeroAsInt(lrDecay));
        o.put("eps", Py.newFloat(eps));
        o.put("weight_decay", zeroAsInt(weightDecay));
        o.put("initial_accumulator_value", zeroAsInt(initialAccumulator));
        o.put("foreach", Py.None);
        o.put("maximize", Py.False);
    }

    /** PyTorch's Adagrad makes each parameter's state (step 0, the initial sums) when it is constructed. */
    @Override
    boolean stateBeforeFirstStep() {
        return true;
    }

    @Override
    Optimizer make() {
        return new AdagradOptimizer(lr, lrDecay, weightDecay, initialAccumulator, eps);
    }

    /** @return the learning-rate decay */
    public double getLr_decay() { return lrDecay; }
    /** @param d learning-rate decay &gt;= 0 */
    public void setLr_decay(double d) { final double old = lrDecay; lrDecay = d; retry(() -> lrDecay = old); }
    /** @return the L2 penalty */
    public double getWeight_decay() { return weightDecay; }
    /** @param w L2 penalty &gt;= 0 */
    public void setWeight_decay(double w) { final double old = weightDecay; weightDecay = w; retry(() -> weightDecay = old); }
    /** @return the sums' starting value */
    public double getInitial_accumulator_value() { return initialAccumulator; }
    /** @param v the sums' starting value &gt;= 0 */
    public void setInitial_accumulator_value(double v) {
        final double old = initialAccumulator;
        initialAccumulator = v;
        retry(() -> initialAccumulator = old);
    }
    /** @return eps */
    public double getEps() { return eps; }
    /** @param e denominator guard &gt; 0 */
    public void setEps(double e) { final double old = eps; eps = e; retry(() -> eps = old); }
}
