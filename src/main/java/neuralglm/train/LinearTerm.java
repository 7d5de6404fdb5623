package neuralglm.train;

import org.ejml.data.DMatrixRMaj;

import neuralglm.family.Family;

/**
 * Whether a small Gaussian model gets a linear term: the held-out comparison, on the rows that chose the weight decay,
 * of the network alone against the average on the eta scale of the network and a ridge GLM fitted on the same rows at
 * the same penalty (a network with a linear skip connection, {@link neuralglm.nn.EtaAverage#withLinear}).
 * <pre>
 *   per held-out row i (weight w_i):  d_i = l_i(eta_net) - l_i((eta_net + eta_glm) / 2),  l_i the row's NLL
 *   dbar = sum w_i d_i / sum w_i,     se = sqrt(sum w_i^2 (d_i - dbar)^2) / sum w_i
 *   the term is added unless dbar &lt; -se  (the network alone better by more than one standard error)
 * </pre>
 * The rule leans to the linear term, as the one-standard-error rule leans to the more regular model: on a few dozen
 * held-out rows a network's advantage must be clear to be believed (src/bench/HELDOUT.md, twelfth round).
 *
 * @param networkLoss   the network's weighted mean NLL on the held-out rows
 * @param averageLoss   the average's weighted mean NLL on the same rows
 * @param standardError the standard error se of their paired difference
 */
public record LinearTerm(double networkLoss, double averageLoss, double standardError) {

    /** @return whether the model gets the linear term: unless the network alone is better by more than se */
    public boolean added() {
        return !(networkLoss - averageLoss < -standardError);
    }

    /**
     * @param family the output distribution
     * @param net    the network's eta on the held-out rows, n x k. Not modified.
     * @param glm    the ridge GLM's eta on the same rows, n x k. Not modified.
     * @param y      the rows' targets. Not modified.
     * @param w      the rows' weights, or null for 1. Not modified.
     * @return the comparison
     */
    static LinearTerm compare(Family family, DMatrixRMaj net, DMatrixRMaj glm, DMatrixRMaj y, double[] w) {
        final int n = net.numRows, k = net.numCols, ky = y.numCols;
        final double[] ln = new double[n], la = new double[n];
        final DMatrixRMaj e1 = new DMatrixRMaj(1, k), a1 = new DMatrixRMaj(1, k), y1 = new DMatrixRMaj(1, ky);
        double total = 0, sumNet = 0, sumAverage = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                e1.data[j] = net.data[i * k + j];
                a1.data[j] = 0.5 * (net.data[i * k + j] + glm.data[i * k + j]);
            }
            System.arraycopy(y.data, i * ky, y1.data, 0, ky);
            ln[i] = family.meanNll(e1, y1, null);
            la[i] = family.meanNll(a1, y1, null);
            final double wi = w == null ? 1 : w[i];
            total += wi;
            sumNet += wi * ln[i];
            sumAverage += wi * la[i];
        }
        final double dbar = (sumNet - sumAverage) / total;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? 1 : w[i], r = ln[i] - la[i] - dbar;
            ss += wi * wi * r * r;
        }
        return new LinearTerm(sumNet / total, sumAverage / total, Math.sqrt(ss) / total);
    }
}
