package neuralglm.jython;

import org.ejml.data.DMatrixRMaj;

/**
 * {@code nn.Dropout(p=0.5)}: in training mode ({@code model.train()}, the default) each entry is
 * kept with probability {@code 1 - p} and scaled by {@code 1 / (1 - p)}, else set to 0 (the draws come
 * from the generator of {@link Torch#manual_seed}, so they differ from PyTorch's); in evaluation mode
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
        final double scale = p == 1 ? 0.0 : 1.0 / (1.0 - p);
        for (int i = 0; i < x.numel(); i++) {
            mask.data[i] = Torch.generator().nextDouble() < p ? 0.0 : scale;
        }
        return x.__mul__(Tensor.of(mask, x.shape.clone()));
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ", inplace=False)";
    }
}
