package neuralglm.jython;

import neuralglm.family.DomainException;
import neuralglm.family.Families;
import neuralglm.family.Family;
import org.ejml.data.DMatrixRMaj;

/**
 * An engine {@link neuralglm.family.Family} on tensors. With eta the network output (n x k):
 * <pre>
 *   mean(eta)          mu = g^-1(eta)                       (identity, softmax, exp, ...)
 *   nll(eta, y)        (1/n) sum_i l(eta_i; y_i)            constants dropped; recorded, with
 *                      d nll / d eta = (1/n) dl/deta        (= (mu - y) / n for a canonical link)
 *   gradient(eta, y)   that (1/n) dl/deta as a tensor, for {@code eta.backward(...)}
 *   deviance(eta, y)   sum_i 2 (l(eta_i; y_i) - l(g(y_i); y_i))
 * </pre>
 * Targets are checked against the family's support first; a bad one is a one-line {@code ValueError}
 * naming the row and value.
 */
public final class TorchFamily {

    private final Family family;

    /**
     * {@code Family("Poisson")}.
     *
     * @param name one of {@link Families#NAMES} (case ignored); log links where a choice exists
     */
    public TorchFamily(String name) {
        this(name, Double.NaN);
    }

    /**
     * @param name      a family name
     * @param parameter NegativeBinomial's alpha or Tweedie's power
     */
    public TorchFamily(String name, double parameter) {
        try {
            this.family = Families.byName(name, parameter, false);
        } catch (IllegalArgumentException e) {
            throw Errors.translate(e);
        }
    }

    /** @return the engine family */
    public Family engine() {
        return family;
    }

    /** @return the family's name */
    public String getName() {
        return family.name();
    }

    /**
     * @param numClasses classes of a nominal target
     * @return number of network outputs
     */
    public int outputs(int numClasses) {
        return family.outputs(numClasses);
    }

    private static DMatrixRMaj rows(Tensor t, String what) {
        if (t.shape.length == 2) {
            return t.data;
        }
        if (t.shape.length == 1) {
            return DMatrixRMaj.wrap(t.shape[0], 1, t.data.data);
        }
        throw Errors.value(what + " must be a column (n, 1), a vector (n,) or a matrix (n, k); got a 0-d tensor");
    }

    private void check(DMatrixRMaj eta, DMatrixRMaj y, Tensor yt) {
        if (eta.numRows != y.numRows || eta.numCols != y.numCols) {
            throw Errors.value(family.name() + ": eta has " + eta.numRows + " x " + eta.numCols + " entries but y has "
                    + Tensor.shapeText(yt.shape) + "; they must match (one-hot rows for Categorical)");
        }
        try {
            family.checkTargets(y);
        } catch (DomainException e) {
            throw Errors.value(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Errors.translate(e);
        }
    }

    /**
     * @param eta network output
     * @return {@code mu = g^-1(eta)} (outside the record)
     */
    public Tensor mean(Tensor eta) {
        final DMatrixRMaj e = rows(eta, "eta");
        final DMatrixRMaj mu = new DMatrixRMaj(e.numRows, e.numCols);
        try {
            family.mean(e, mu);
        } catch (RuntimeException ex) {
            throw Errors.translate(ex);
        }
        return Tensor.of(mu, eta.shape.clone());
    }

    /**
     * @param eta network output
     * @param y   targets (checked)
     * @return mean NLL, a 0-d tensor recorded with gradient {@code (1/n) dl/deta}
     */
    public Tensor nll(Tensor eta, Tensor y) {
        final DMatrixRMaj e = rows(eta, "eta"), t = rows(y, "y");
        check(e, t, y);
        final DMatrixRMaj grad = new DMatrixRMaj(e.numRows, e.numCols);
        final double value = family.gradient(e, t, null, grad);
        return Ops.record(Tensor.scalar(value), family.name() + "NllBackward0", g -> {
            final DMatrixRMaj gx = new DMatrixRMaj(eta.data.numRows, eta.data.numCols);
            for (int i = 0; i < gx.data.length; i++) {
                gx.data[i] = g.data[0] * grad.data[i];
            }
            return new DMatrixRMaj[] {gx};
        }, eta);
    }

    /**
     * @param eta network output
     * @param y   targets (checked)
     * @return {@code (1/n) dl/deta}, eta's shape: what {@code eta.backward(...)} needs
     */
    public Tensor gradient(Tensor eta, Tensor y) {
        final DMatrixRMaj e = rows(eta, "eta"), t = rows(y, "y");
        check(e, t, y);
        final DMatrixRMaj grad = new DMatrixRMaj(e.numRows, e.numCols);
        family.gradient(e, t, null, grad);
        return Tensor.of(grad, eta.shape.clone());
    }

    /**
     * @param eta network output
     * @param y   targets (checked)
     * @return the deviance {@code sum 2 (l - l_sat)}
     */
    public double deviance(Tensor eta, Tensor y) {
        final DMatrixRMaj e = rows(eta, "eta"), t = rows(y, "y");
        check(e, t, y);
        return family.deviance(e, t, null);
    }

    /**
     * @param y targets
     * @throws org.python.core.PyException ValueError naming the first target outside the support
     */
    public void check_targets(Tensor y) {
        final DMatrixRMaj t = rows(y, "y");
        check(t, t, y);
    }

    @Override
    public String toString() {
        return family.toString();
    }
}
