package neuralglm.jython;

import org.ejml.data.DMatrixRMaj;

/**
 * {@code nn.Dropout(p=0.5)}: in training mode ({@code model.train()}, the default) each entry is
 * kept with probability {@code 1 - p} and scaled by {@code 1 / (1 - p)}, else set to 0 (PyTorch's mask: a float64
 * uniform below {@code 1 - p} keeps an entry, from the generator of {@link Torch#manual_seed}); in evaluation mode
 * ({@code model.eval()}) it passes its input through. Recorded as a multiplication by the mask.
 */
public final class Dropout extends Module {

    private final double p;

    /**
     * @param args {@code p} (default 0.5), {@code inplace} (accepted)
     * @param kws  keyword names
     */
    public Dropout(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("Dropout", args, kws, "p", "inplace");
        p = a.dbl("p", 0.5);
        if (!(p >= 0 && p <= 1)) {
            throw Errors.value("Dropout: p must be a probability in [0, 1], got " + p);
        }
    }

    /** @return the probability of dropping an entry */
    public double getP() {
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!getTraining() || p == 0) {
            return x;
        }
        final DMatrixRMaj mask = new DMatrixRMaj(x.data.numRows, x.data.numCols);
        // PyTorch divides the mask by 1 - p in the tensor's dtype: a float32 scale for a float32 tensor
        final double scale = p == 1 ? 0.0 : x.floatDtype() == DType.FLOAT64 ? 1.0 / (1.0 - p) : 1.0f / (float) (1.0 - p);
        // PyTorch's mask: bernoulli_(1 - p), a float64 uniform below 1 - p keeps an entry
        final TorchRandom rng = Torch.generator();
        for (int i = 0; p < 1 && i < x.numel(); i++) {   // p = 1: zeros, no draws (as PyTorch)
            mask.data[i] = rng.uniform64(0, 1) < 1 - p ? scale : 0.0;
        }
        return x.__mul__(Tensor.of(mask, x.shape.clone()));
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ", inplace=False)";
    }
}
