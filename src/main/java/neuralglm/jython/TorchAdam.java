package neuralglm.jython;

import java.util.Map;

import neuralglm.optim.AdamOptimizer;
import neuralglm.optim.Optimizer;
import org.python.core.Py;
import org.python.core.PyObject;

/**
 * {@code optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False)} over the
 * engine's {@link neuralglm.optim.AdamOptimizer} (Kingma and Ba, 2015).
 */
public class TorchAdam extends TorchOptimizer {
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private boolean amsgrad;

    /** @param params parameters, e.g. {@code net.parameters()} */
    public TorchAdam(PyObject params) {
        super(params, 1e-3);
        rebuild();
    }

    /** @param params parameters @param lr learning rate &gt; 0 */
    public TorchAdam(PyObject params, double lr) {
        super(params, lr);
        setLr(lr);
    }

    @Override String name() { return "Adam"; }

    @Override String options() { return "lr, betas, eps, weight_decay, amsgrad"; }

    /** @return whether the denominator takes the largest second moment so far (AMSGrad) */
    public boolean getAmsgrad() { return amsgrad; }

    /** @param v PyTorch's amsgrad: the denominator takes the largest second moment so far (Reddi et al., 2018) */
    public void setAmsgrad(boolean v) { final boolean old = amsgrad; amsgrad = v; retry(() -> amsgrad = old); }

    /** @return False */
    public boolean getCapturable() { return false; }

    /** @param v PyTorch's capturable (CUDA graphs): only False is supported */
    public void setCapturable(boolean v) { refuseUnless(!v, "capturable=True"); }

    /** @return None */
    public PyObject getFused() { return org.python.core.Py.None; }

    /** @param v PyTorch's fused (a CUDA kernel choice): only None or False is supported */
    public void setFused(PyObject v) { refuseUnless(v == null || v == org.python.core.Py.None || !v.__nonzero__(), "fused=True"); }

    @Override
    void groupOptions(Map<String, PyObject> o) {
        o.put("lr", Py.newFloat(lr));
        o.put("betas", getBetas());
        o.put("eps", Py.newFloat(eps));
        o.put("weight_decay", zeroAsInt(weightDecay));
        o.put("amsgrad", Py.newBoolean(amsgrad));
        o.put("maximize", Py.False);
        o.put("foreach", Py.None);
        o.put("capturable", Py.False);
        o.put("differentiable", Py.False);
        o.put("fused", Py.False);
    }

    @Override
    Optimizer make() {
        return new AdamOptimizer(lr, beta1, beta2, eps, l2(), amsgrad);
    }

    /** @return the L2 penalty added to the gradient (the weight decay; AdamW decays the weights instead) */
    double l2() {
        return weightDecay;
    }

    /** {@code ['betas'] = (b1, beta2)}: beta1 of the coming steps, the moments kept (beta2 must stay) */
    @Override
    boolean scheduleMomentum(String key, PyObject value) {
        if (!key.equals("betas")) {
            return false;
        }
        final Tensor b = Convert.toTensor(value, name() + ".param_groups[0]['betas']");
        if (b.numel() != 2 || b.data.data[1] != beta2) {
            return false;
        }
        applyMomentum(b.data.data[0]);
        beta1 = b.data.data[0];
        return true;
    }

    /** @return (beta1, beta2), a Python tuple */
    public PyObject getBetas() { return new org.python.core.PyTuple(org.python.core.Py.newFloat(beta1), org.python.core.Py.newFloat(beta2)); }
    /** @param betas (beta1, beta2), each in [0, 1) */
    public void setBetas(PyObject betas) {
        final Tensor b = Convert.toTensor(betas, "Adam betas");
        if (b.numel() != 2) {
            throw Errors.value("Adam betas must be a pair (beta1, beta2), got " + b.numel() + " values");
        }
        final double o1 = beta1, o2 = beta2;
        beta1 = b.data.data[0];
        beta2 = b.data.data[1];
        retry(() -> { beta1 = o1; beta2 = o2; });
    }
    /** @return eps */
    public double getEps() { return eps; }
    /** @param e denominator guard &gt; 0 */
    public void setEps(double e) { final double old = eps; eps = e; retry(() -> eps = old); }
    /** @return the L2 penalty */
    public double getWeight_decay() { return weightDecay; }
    /** @param w L2 penalty &gt;= 0 */
    public void setWeight_decay(double w) { final double old = weightDecay; weightDecay = w; retry(() -> weightDecay = old); }
}
