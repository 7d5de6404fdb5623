package neuralglm.train;

import neuralglm.family.Family;
import neuralglm.nn.Sequential;
import neuralglm.optim.Optimizer;
import org.ejml.data.DMatrixRMaj;

/**
 * The joint maximum-likelihood fit of a network and its family's distribution parameter (the negative
 * binomial alpha; see {@link Family#distributionParameterName()}), by alternation as MASS's
 * {@code glm.nb} iterates:
 * <pre>
 *   repeat:  a  = argmax_a sum w_i log f(y_i; mu_i, a)          (the family's maximumLikelihoodParameter at the fit)
 *            if |a - a_prev| &lt;= 1e-8 a_prev (after at least one refit): stop
 *            theta = argmin mean NLL under family(a), from the current weights (the optimiser, to convergence)
 * </pre>
 * For a GLM (no hidden layer) each refit is the exact maximum-likelihood fit at a, so the limit is the joint
 * MLE of (beta, a). The network is trained in place.
 */
public final class JointMaximumLikelihood {

    private static final int MAX_OUTER = 50;
    private static final double TOLERANCE = 1e-8;

    private JointMaximumLikelihood() {
    }

    /**
     * How the alternation ended.
     *
     * @param family     the family with the fitted parameter (the one the network was last trained with)
     * @param epochs     optimiser epochs over all refits
     * @param rounds     re-estimations of the parameter
     * @param converged  whether the parameter's relative change fell below 1e-8
     */
    public record Result(Family family, int epochs, int rounds, boolean converged) {
    }

    /**
     * @param net       a network trained with {@code family}; trained further in place
     * @param family    a family with a distribution parameter (e.g. NegativeBinomial)
     * @param optimizer a prototype for the refits (full batch); copies are trained
     * @param x         inputs, n x d. Not modified.
     * @param y         targets, n x 1. Not modified.
     * @param w         weights or null. Not modified.
     * @param epochs    the epoch limit of each refit
     * @return the fitted family and counts
     * @throws IllegalArgumentException when the family has no distribution parameter
     */
    public static Result fit(Sequential net, Family family, Optimizer optimizer, DMatrixRMaj x, DMatrixRMaj y, double[] w,
                             int epochs) {
        if (family.distributionParameterName() == null) {
            throw new IllegalArgumentException("The " + family.name() + " family has no distribution parameter to fit jointly");
        }
        Family current = family;
        double previous = family.distributionParameter();
        int total = 0;
        for (int round = 1; round <= MAX_OUTER; round++) {
            final DMatrixRMaj eta = net.predict(x);
            final double[] mu = new double[eta.numRows];
            for (int i = 0; i < mu.length; i++) {
                mu[i] = current.mean(eta.data[i]);
            }
            final double next = current.maximumLikelihoodParameter(y.data, mu, w);
            if (!(next > 0) || !Double.isFinite(next)) {
                return new Result(current, total, round, false);   // the Poisson limit (or no maximum): keep the last fit
            }
            if (round > 1 && Math.abs(next - previous) <= TOLERANCE * previous) {
                return new Result(current, total, round, true);
            }
            current = family.withDistributionParameter(next);
            previous = next;
            total += new Trainer(epochs).fit(net, current, optimizer, x, y, w).epochs();
        }
        return new Result(current, total, MAX_OUTER, false);
    }
}
