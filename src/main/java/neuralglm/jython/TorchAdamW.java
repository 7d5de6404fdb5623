package neuralglm.jython;

import neuralglm.nn.Parameter;
import org.python.core.PyObject;

/**
 * {@code optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)}, Loshchilov and
 * Hutter's decoupled weight decay, as PyTorch's: each step first shrinks a parameter,
 * {@code theta *= 1 - lr weight_decay}, then applies the engine's Adam without an L2 term (Adam's update
 * does not depend on theta, so the order is PyTorch's).
 */
public class TorchAdamW extends TorchAdam {

    /** @param params parameters, e.g. {@code net.parameters()} */
    public TorchAdamW(PyObject params) {
        super(params);
        setWeight_decay(0.01);
    }

    /** @param params parameters @param lr learning rate &gt; 0 */
    public TorchAdamW(PyObject params, double lr) {
        super(params, lr);
        setWeight_decay(0.01);
    }

    @Override String name() { return "AdamW"; }

    /** @param w the decoupled weight decay, finite and &gt;= 0 */
    @Override
    public void setWeight_decay(double w) {
        if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
            throw Errors.value("AdamW weight decay must be a finite number >= 0, got " + w);
        }
        super.setWeight_decay(w);
    }

    @Override
    void groupOptions(java.util.Map<String, PyObject> o) {
        super.groupOptions(o);
        o.remove("differentiable"); // PyTorch 1.13's AdamW lists neither
        o.remove("fused");
    }

    @Override
    double l2() {
        return 0.0;
    }

    @Override
    void beforeStep(Parameter p) {
        final double keep = 1.0 - getLr() * getWeight_decay();
        final double[] theta = p.value().data;
        for (int i = 0; i < p.size(); i++) {
            theta[i] *= keep;
        }
    }
}
