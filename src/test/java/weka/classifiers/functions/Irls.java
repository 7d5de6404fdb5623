package weka.classifiers.functions;

import java.util.function.DoubleUnaryOperator;

/**
 * A minimal, independent GLM solver for the tests: iteratively reweighted least squares (Fisher
 * scoring) on the raw inputs with an intercept.
 * <pre>
 *   eta = X beta,  mu = h(eta),  W_i = w_i h'(eta_i)^2 / V(mu_i),  z_i = eta_i + (y_i - mu_i) / h'(eta_i)
 *   beta <- (X^T W X)^-1 X^T W z     until max |change| < 1e-13 (relative)
 * </pre>
 */
final class Irls {

    private Irls() {
    }

    /**
     * @param x         inputs without intercept, n x d
     * @param y         targets
     * @param w         prior weights
     * @param mean      h = g^-1
     * @param dmu       h'
     * @param variance  V(mu)
     * @param startEta  the constant eta to start from (g of the mean of y)
     * @return beta, intercept first
     */
    static double[] fit(double[][] x, double[] y, double[] w, DoubleUnaryOperator mean, DoubleUnaryOperator dmu,
                        DoubleUnaryOperator variance, double startEta) {
        final int n = x.length, p = x[0].length + 1;
        double[] beta = new double[p];
        beta[0] = startEta;
        for (int iter = 0; iter < 200; iter++) {
            final double[][] a = new double[p][p + 1];
            for (int i = 0; i < n; i++) {
                final double eta = eta(beta, x[i]), mu = mean.applyAsDouble(eta), d = dmu.applyAsDouble(eta);
                final double wi = w[i] * d * d / variance.applyAsDouble(mu), z = eta + (y[i] - mu) / d;
                for (int r = 0; r < p; r++) {
                    final double xr = r == 0 ? 1 : x[i][r - 1];
                    for (int c = 0; c < p; c++) {
                        a[r][c] += wi * xr * (c == 0 ? 1 : x[i][c - 1]);
                    }
                    a[r][p] += wi * xr * z;
                }
            }
            final double[] next = solve(a);
            double change = 0;
            for (int j = 0; j < p; j++) {
                change = Math.max(change, Math.abs(next[j] - beta[j]) / (1 + Math.abs(next[j])));
            }
            beta = next;
            if (change < 1e-13) {
                break;
            }
        }
        return beta;
    }

    static double eta(double[] beta, double[] x) {
        double e = beta[0];
        for (int j = 0; j < x.length; j++) {
            e += beta[j + 1] * x[j];
        }
        return e;
    }

    /** Gaussian elimination with partial pivoting on the augmented matrix [A | b]. */
    private static double[] solve(double[][] a) {
        final int p = a.length;
        for (int c = 0; c < p; c++) {
            int piv = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            final double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            for (int r = c + 1; r < p; r++) {
                final double f = a[r][c] / a[c][c];
                for (int k = c; k <= p; k++) {
                    a[r][k] -= f * a[c][k];
                }
            }
        }
        final double[] b = new double[p];
        for (int r = p - 1; r >= 0; r--) {
            double s = a[r][p];
            for (int k = r + 1; k < p; k++) {
                s -= a[r][k] * b[k];
            }
            b[r] = s / a[r][r];
        }
        return b;
    }
}
