package neuralglm.jython;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import neuralglm.nn.Layer;
import neuralglm.nn.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * A module backed by an engine {@link Layer}: {@code m(x)} is the layer's forward, recorded as one
 * operation whose backward is the layer's own {@code backward} (which adds into its parameters'
 * gradients; {@link LayerReach} makes their {@code .grad} PyTorch's). The engine layer caches its last
 * forward: a backward through an older call of a single layer (one encoder on two inputs) runs that call's forward
 * again first, which gives the same cache; a Sequential refuses it with a clear error.
 */
public class EngineModule extends Module {

    /** The engine layer; replaced by {@link TorchSequential} when layers are added. */
    Layer layer;
    private final String repr;
    private final Map<String, TorchParameter> params = new LinkedHashMap<>();
    /** The call whose forward the engine layer holds (what its backward reads). */
    private int cached;

    /**
     * @param layer      the engine layer
     * @param repr       how it prints, e.g. {@code Linear(in_features=1, out_features=30)}
     * @param localNames names of the layer's parameters ({@code weight}, {@code bias}), in order
     * @param shapes     their tensor shapes
     */
    EngineModule(Layer layer, String repr, List<String> localNames, List<int[]> shapes) {
        this.layer = layer;
        this.repr = repr;
        final List<Parameter> ps = layer.parameters();
        for (int i = 0; i < localNames.size(); i++) {
            params.put(localNames.get(i), new TorchParameter(ps.get(i), shapes.get(i)));
        }
    }

    /**
     * An activation's {@code inplace=True} ({@link Functional#inPlace}); false for every other layer. Inside an
     * nn.Sequential the layer's input is the layer before's output, which no code reads: the same numbers either way.
     */
    boolean inplace;

    @Override
    public Tensor forward(Tensor x) {
        return call(input(x));
    }

    /**
     * {@code layer.forward(x)} called with something other than a tensor: PyTorch's TypeError
     * ({@code linear(): argument 'input' (position 1) must be Tensor, not list}) rather than Jython's.
     *
     * @param x the input
     * @return the output, when x is a tensor
     */
    public Tensor forward(org.python.core.PyObject x) {
        return call(input(x));
    }

    /**
     * @return whether a backward through an older call may run the layer's forward again on that call's input, to
     *         put back what the layer keeps for its backward: true for a single engine layer (Linear, an
     *         activation), whose forward is a function of its input; false for a Sequential, whose layers may be
     *         Jython modules or draw random numbers (Dropout)
     */
    boolean replayable() {
        return true;
    }

    @Override
    Tensor call(Tensor x) {
        return inplace ? Functional.inPlace(x, compute(x)) : compute(x);
    }

    /** The layer's output for x (what {@link #call} returns without {@link #inplace}). */
    private Tensor compute(Tensor x) {
        if (x.integral != null && !params.isEmpty()) {
            throw Errors.runtime(typeName() + ": the input holds whole numbers (" + x.integral + ") and a layer's weights "
                    + "are float, as in PyTorch (mat1 and mat2 must have the same dtype); give x.float()");
        }
        // the parameters the engine layer computes with (no names built: this runs at every forward); a bias of
        // another dtype than its weight fails first in PyTorch's addmm, then the input
        final List<TorchParameter> ps = layerParameters();
        for (TorchParameter p : ps) {
            ps.get(0).sameFloatDtype(p, (a, b) -> "self and mat2 must have the same dtype (" + typeName() + ": its "
                    + "parameters are of torch." + ps.get(0).floatDtype().getName() + " and torch." + p.floatDtype().getName()
                    + "; give them one dtype)");
        }
        for (TorchParameter p : ps) {
            x.sameFloatDtype(p, (a, b) -> "mat1 and mat2 must have the same dtype (" + typeName() + ": the input is torch."
                    + x.floatDtype().getName() + ", its weights torch." + p.floatDtype().getName() + "; give x.to(...) "
                    + "or model.double() / model.float())");
        }
        final int v = ++version;
        final DMatrixRMaj out;
        try {
            out = layer.forward(x.data).copy();
        } catch (RuntimeException e) {
            throw Errors.translateComputation(e);
        }
        cached = v;
        final int[] shape = x.shape.length == 2 ? new int[] {out.numRows, out.numCols} : new int[] {out.numCols};
        final Tensor y = Tensor.of(out, shape);
        y.floating = x.integral == null ? x.floating : null;
        final Tensor[] inputs = {x};
        final Node.Backward backward = g -> {
            if (cached != v) {
                if (!replayable()) {
                    throw Errors.value("backward through " + this + " after it was called again: this bridge keeps "
                            + "only the newest forward of a Sequential, so call backward before the next call");
                }
                try {
                    layer.forward(x.data); // this call's input back in the layer, for its backward
                } catch (RuntimeException e) {
                    throw Errors.translateComputation(e);
                }
                cached = v;
            }
            final LayerReach reach = LayerReach.before(layerParameters());
            try {
                return new DMatrixRMaj[] {layer.backward(g).copy()};
            } catch (RuntimeException e) {
                throw Errors.translateComputation(e);
            } finally {
                reach.after();
            }
        };
        // recorded only when a backward has something to reach: the input, or a parameter that requires grad (a frozen
        // module's output on a plain input requires no grad and has no grad_fn, as in PyTorch; it was recorded)
        boolean reaches = x.needsGrad();
        for (TorchParameter p : ps) {
            reaches |= p.requiresGrad;
        }
        if (Autograd.enabled() && reaches) {
            y.node = new Node(gradFnName(x), inputs, backward, true);
        }
        return y;
    }

    @Override
    Map<String, TorchParameter> namedParameters() {
        return new LinkedHashMap<>(params);
    }

    /**
     * @return the parameters whose gradients the engine layer's own backward adds into (a Jython module's inside a
     *         {@link TorchSequential} get theirs through the record, and are not listed)
     */
    List<TorchParameter> layerParameters() {
        return new ArrayList<>(params.values());
    }

    @Override
    Layer asLayer() {
        return layer;
    }

    @Override
    String functionName() {
        return typeName().equals("LeakyReLU") ? "leaky_relu" : super.functionName();
    }

    /**
     * @param x the input
     * @return PyTorch 1.13's name of this module's backward, which a tensor it made prints as its {@code grad_fn}
     *         ({@code nn.ReLU}: ReluBackward0, {@code nn.Sigmoid}: SigmoidBackward0, ...: {@link Activations#gradFnName})
     */
    String gradFnName(Tensor x) {
        return Activations.gradFnName(typeName(), typeName());
    }

    @Override
    String typeName() {
        final int p = repr.indexOf('(');
        return p < 0 ? repr : repr.substring(0, p);
    }

    @Override
    public String toString() {
        return repr;
    }

    /**
     * R's summary.glm of this module as a GLM on the rows given ({@link GlmSummaries}):
     * {@code print(model.summary(torch.families.Poisson(), X, y))},
     * {@code model.summary(family, X, y, w, 'prior', quasi, names, offset=log_exposure)}.
     *
     * @param args family (the one the model was trained with), X (inputs, n x d), y (targets), then optionally w
     *             (instance weights, Binomial: trials, or None), weights ({@code 'frequency'}: w counts as w
     *             observations, or {@code 'prior'}: variance phi V(mu)/w), quasi (quasi-likelihood dispersion for
     *             Poisson and Binomial, as quasipoisson, quasibinomial), names (the input names, or None) and offset
     *             (n values on the eta scale, R's glm offset: the model was trained on {@code eta = model(X) + offset};
     *             every statistic is at that eta, the null deviance the intercept-only fit's with the offset)
     * @param kws  keyword names
     * @return the summary (prints as R's table; full precision from its methods)
     */
    public neuralglm.model.GlmSummary summary(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("summary", args, kws, "family", "X", "y", "w", "weights", "quasi", "names", "offset");
        final Object family = a.required("family").__tojava__(TorchFamily.class);
        if (!(family instanceof TorchFamily)) {
            throw Errors.type("summary(): family must be one of torch.families (e.g. torch.families.Poisson()), got "
                    + Args.typeName(a.get("family")));
        }
        final Tensor w = a.has("w") ? a.tensor("w") : null, offset = a.has("offset") ? a.tensor("offset") : null;
        final java.util.List<String> names = new java.util.ArrayList<>();
        if (a.has("names")) {
            for (org.python.core.PyObject n : a.get("names").asIterable()) {
                names.add(n.toString());
            }
        }
        return GlmSummaries.of(layer, (TorchFamily) family, a.tensor("X"), a.tensor("y"), w, a.string("weights", "frequency"),
                a.bool("quasi", false), a.has("names") ? names : null, offset);
    }
}
