package neuralglm.testutil;

import java.util.function.DoubleUnaryOperator;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * An independent GLM solver for the tests: it shares no code with {@code neuralglm.family}. Each
 * family is written here again from its textbook formulas (link, inverse link, dmu/deta, variance
 * function, unit deviance), and fitted by
 * <ul>
 *   <li>Gaussian: the weighted normal equations {@code (X'WX) beta = X'Wy};</li>
 *   <li>scalar families: IRLS / Fisher scoring (Newton for canonical links), starting from the
 *       intercept-only model {@code beta = (g(ybar), 0, ..., 0)}, with step halving while eta leaves
 *       the link's domain or the deviance rises (as R's {@code glm.fit});</li>
 *   <li>Categorical: multinomial Newton in the baseline-category parametrisation
 *       (class 0's coefficients fixed at 0), with step halving.</li>
 * </ul>
 * Design matrices get an intercept column first: {@code beta = (intercept, slopes...)}.
 */
public final class ReferenceGlm {

    private static final int MAX_ITER = 500;
    private static final int MAX_HALVINGS = 60;

    private ReferenceGlm() {
    }

    /** A scalar family with its link, written independently of the engine. */
    public interface Spec {
        /** @return eta = g(mu) */
        double link(double mu);
        /** @return mu = g^-1(eta) */
        double mean(double eta);
        /** @return dmu/deta at eta */
        double dmuDeta(double eta);
        /** @return V(mu) */
        double variance(double mu);
        /** @return the unit deviance d(y, mu) */
        double unitDeviance(double y, double mu);
        /** @return whether eta is an admissible natural parameter */
        default boolean validEta(double eta) {
            return Double.isFinite(eta);
        }
    }

    /** A fit: coefficients (intercept first; for multinomial, one row per non-baseline class), deviance. */
    public record Fit(double[][] beta, double deviance, int iterations, double maxScore) {
        /** @return the coefficients of a scalar family */
        public double[] coefficients() {
            return beta[0];
        }
    }

    private static double xlogy(double x, double y) {
        return x == 0 ? 0 : x * Math.log(y);
    }

    // ------------------------------------------------------------------ families, from the textbook

    private static Spec spec(DoubleUnaryOperator link, DoubleUnaryOperator mean, DoubleUnaryOperator dmuDeta,
                             DoubleUnaryOperator variance, java.util.function.DoubleBinaryOperator dev,
                             java.util.function.DoublePredicate valid) {
        return new Spec() {
            @Override public double link(double mu) { return link.applyAsDouble(mu); }
            @Override public double mean(double eta) { return mean.applyAsDouble(eta); }
            @Override public double dmuDeta(double eta) { return dmuDeta.applyAsDouble(eta); }
            @Override public double variance(double mu) { return variance.applyAsDouble(mu); }
            @Override public double unitDeviance(double y, double mu) { return dev.applyAsDouble(y, mu); }
            @Override public boolean validEta(double eta) { return Double.isFinite(eta) && valid.test(eta); }
        };
    }

    /** @return Gaussian, identity link: d = (y - mu)^2 */
    public static Spec gaussian() {
        return spec(m -> m, e -> e, e -> 1, m -> 1, (y, m) -> (y - m) * (y - m), e -> true);
    }

    /** @return Poisson, log link: d = 2 (y log(y/mu) - (y - mu)) */
    public static Spec poisson() {
        return spec(Math::log, Math::exp, Math::exp, m -> m,
                (y, m) -> 2 * (xlogy(y, y / m) - (y - m)), e -> true);
    }

    /** @return binomial proportion, logit link: d = 2 (y log(y/mu) + (1-y) log((1-y)/(1-mu))) */
    public static Spec binomial() {
        return spec(m -> Math.log(m / (1 - m)), e -> 1 / (1 + Math.exp(-e)),
                e -> { final double p = 1 / (1 + Math.exp(-e)); return p * (1 - p); },
                m -> m * (1 - m),
                (y, m) -> 2 * (xlogy(y, y / m) + xlogy(1 - y, (1 - y) / (1 - m))), e -> true);
    }

    private static double gammaDeviance(double y, double m) {
        return 2 * (-Math.log(y / m) + (y - m) / m);
    }

    private static double inverseGaussianDeviance(double y, double m) {
        return (y - m) * (y - m) / (y * m * m);
    }

    /** @return Gamma, log link: V = mu^2, d = 2 (-log(y/mu) + (y - mu)/mu) */
    public static Spec gammaLog() {
        return spec(Math::log, Math::exp, Math::exp, m -> m * m, ReferenceGlm::gammaDeviance, e -> true);
    }

    /** @return Gamma, canonical link eta = -1/mu (eta &lt; 0): mu = -1/eta, dmu/deta = 1/eta^2 */
    public static Spec gammaCanonical() {
        return spec(m -> -1 / m, e -> -1 / e, e -> 1 / (e * e), m -> m * m, ReferenceGlm::gammaDeviance, e -> e < 0);
    }

    /** @return inverse Gaussian, log link: V = mu^3, d = (y - mu)^2 / (y mu^2) */
    public static Spec inverseGaussianLog() {
        return spec(Math::log, Math::exp, Math::exp, m -> m * m * m, ReferenceGlm::inverseGaussianDeviance, e -> true);
    }

    /**
     * @return inverse Gaussian, canonical link eta = -1/(2 mu^2) (eta &lt; 0): mu = (-2 eta)^(-1/2),
     *         dmu/deta = (-2 eta)^(-3/2)
     */
    public static Spec inverseGaussianCanonical() {
        return spec(m -> -0.5 / (m * m), e -> 1 / Math.sqrt(-2 * e), e -> Math.pow(-2 * e, -1.5),
                m -> m * m * m, ReferenceGlm::inverseGaussianDeviance, e -> e < 0);
    }

    /**
     * @param alpha over-dispersion
     * @return NB2, log link: V = mu + alpha mu^2, d = 2 (y log(y/mu) - (y + 1/alpha) log((1 + alpha y)/(1 + alpha mu)))
     */
    public static Spec negativeBinomial(double alpha) {
        return spec(Math::log, Math::exp, Math::exp, m -> m + alpha * m * m,
                (y, m) -> 2 * (xlogy(y, y / m) - (y + 1 / alpha) * Math.log((1 + alpha * y) / (1 + alpha * m))),
                e -> true);
    }

    /**
     * @param p variance power, 1 &lt; p, p != 2
     * @return Tweedie, log link: V = mu^p,
     *         d = 2 (y^(2-p)/((1-p)(2-p)) - y mu^(1-p)/(1-p) + mu^(2-p)/(2-p))
     */
    public static Spec tweedie(double p) {
        return spec(Math::log, Math::exp, Math::exp, m -> Math.pow(m, p),
                (y, m) -> 2 * (Math.pow(y, 2 - p) / ((1 - p) * (2 - p)) - y * Math.pow(m, 1 - p) / (1 - p)
                        + Math.pow(m, 2 - p) / (2 - p)),
                e -> true);
    }

    // ------------------------------------------------------------------ solvers

    /** @return [1, x_i] rows: n x (d+1) */
    private static DMatrixRMaj design(double[][] x) {
        final int n = x.length, d = x[0].length;
        final DMatrixRMaj a = new DMatrixRMaj(n, d + 1);
        for (int i = 0; i < n; i++) {
            a.set(i, 0, 1.0);
            for (int j = 0; j < d; j++) {
                a.set(i, j + 1, x[i][j]);
            }
        }
        return a;
    }

    private static double weight(double[] w, int i) {
        return w == null ? 1.0 : w[i];
    }

    /** Solves the weighted least-squares problem min sum c_i (z_i - a_i beta)^2 by QR of sqrt(c) A. */
    private static double[] weightedLeastSquares(DMatrixRMaj a, double[] c, double[] z) {
        final int n = a.numRows, p = a.numCols;
        final DMatrixRMaj sa = new DMatrixRMaj(n, p), sz = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            final double s = Math.sqrt(c[i]);
            for (int j = 0; j < p; j++) {
                sa.set(i, j, s * a.get(i, j));
            }
            sz.set(i, 0, s * z[i]);
        }
        final LinearSolverDense<DMatrixRMaj> qr = LinearSolverFactory_DDRM.leastSquares(n, p);
        if (!qr.setA(sa)) {
            throw new IllegalStateException("singular weighted design");
        }
        final DMatrixRMaj beta = new DMatrixRMaj(p, 1);
        qr.solve(sz, beta);
        return beta.data.clone();
    }

    /**
     * Gaussian by the weighted normal equations {@code (X'WX) beta = X'Wy}, solved by Cholesky.
     *
     * @param x covariates n x d (no intercept column)
     * @param y targets
     * @param w weights or null
     * @return the fit; deviance = sum w (y - mu)^2
     */
    public static Fit normalEquations(double[][] x, double[] y, double[] w) {
        final DMatrixRMaj a = design(x);
        final int n = a.numRows, p = a.numCols;
        final DMatrixRMaj wa = a.copy();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                wa.set(i, j, weight(w, i) * a.get(i, j));
            }
        }
        final DMatrixRMaj xtwx = new DMatrixRMaj(p, p), xtwy = new DMatrixRMaj(p, 1);
        CommonOps_DDRM.multTransA(wa, a, xtwx);
        CommonOps_DDRM.multTransA(wa, new DMatrixRMaj(n, 1, true, y), xtwy);
        final LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(p);
        if (!chol.setA(xtwx)) {
            throw new IllegalStateException("X'WX not positive definite");
        }
        final DMatrixRMaj beta = new DMatrixRMaj(p, 1);
        chol.solve(xtwy, beta);
        final double[] eta = etaOf(a, beta.data);
        double dev = 0;
        for (int i = 0; i < n; i++) {
            dev += weight(w, i) * (y[i] - eta[i]) * (y[i] - eta[i]);
        }
        return new Fit(new double[][] {beta.data.clone()}, dev, 1, maxScore(a, gaussian(), eta, y, w));
    }

    private static double[] etaOf(DMatrixRMaj a, double[] beta) {
        final DMatrixRMaj eta = new DMatrixRMaj(a.numRows, 1);
        CommonOps_DDRM.mult(a, new DMatrixRMaj(beta.length, 1, true, beta), eta);
        return eta.data;
    }

    private static double deviance(Spec s, double[] eta, double[] y, double[] w) {
        double dev = 0;
        for (int i = 0; i < eta.length; i++) {
            if (!s.validEta(eta[i])) {
                return Double.POSITIVE_INFINITY;
            }
            dev += weight(w, i) * s.unitDeviance(y[i], s.mean(eta[i]));
        }
        return dev;
    }

    /** @return max_j |sum_i w_i (y_i - mu_i)/V(mu_i) dmu/deta_i a_ij| / sum w: the mean score's size */
    private static double maxScore(DMatrixRMaj a, Spec s, double[] eta, double[] y, double[] w) {
        final int n = a.numRows, p = a.numCols;
        final double[] u = new double[p];
        double total = 0;
        for (int i = 0; i < n; i++) {
            final double mu = s.mean(eta[i]);
            final double r = weight(w, i) * (y[i] - mu) / s.variance(mu) * s.dmuDeta(eta[i]);
            total += weight(w, i);
            for (int j = 0; j < p; j++) {
                u[j] += r * a.get(i, j);
            }
        }
        double m = 0;
        for (double v : u) {
            m = Math.max(m, Math.abs(v) / total);
        }
        return m;
    }

    /**
     * IRLS (Fisher scoring) for a scalar family:
     * <pre>
     *   z = eta + (y - mu) / (dmu/deta),   c = w (dmu/deta)^2 / V(mu),   beta_new = argmin sum c (z - X beta)^2
     * </pre>
     * from the intercept-only start, halving {@code beta_new - beta} while eta leaves the domain or the
     * deviance rises; stops when the step is below 1e-14 relative.
     *
     * @param s family
     * @param x covariates n x d (no intercept column)
     * @param y targets
     * @param w weights or null
     * @return the fit
     */
    public static Fit irls(Spec s, double[][] x, double[] y, double[] w) {
        final DMatrixRMaj a = design(x);
        final int n = a.numRows, p = a.numCols;
        double ybar = 0, total = 0;
        for (int i = 0; i < n; i++) {
            ybar += weight(w, i) * y[i];
            total += weight(w, i);
        }
        double[] beta = new double[p];
        beta[0] = s.link(ybar / total);
        double[] eta = etaOf(a, beta);
        double dev = deviance(s, eta, y, w);
        if (!Double.isFinite(dev)) {
            throw new IllegalStateException("intercept-only start is not valid");
        }
        final double[] z = new double[n], c = new double[n];
        int iter = 0;
        for (; iter < MAX_ITER; iter++) {
            for (int i = 0; i < n; i++) {
                final double mu = s.mean(eta[i]), g = s.dmuDeta(eta[i]);
                z[i] = eta[i] + (y[i] - mu) / g;
                c[i] = weight(w, i) * g * g / s.variance(mu);
            }
            final double[] target = weightedLeastSquares(a, c, z);
            double[] next = target;
            double[] etaNext = etaOf(a, next);
            double devNext = deviance(s, etaNext, y, w);
            double t = 1.0;
            for (int h = 0; h < MAX_HALVINGS && !(devNext <= dev * (1 + 1e-13) + 1e-300); h++) {
                t *= 0.5;
                next = new double[p];
                for (int j = 0; j < p; j++) {
                    next[j] = beta[j] + t * (target[j] - beta[j]);
                }
                etaNext = etaOf(a, next);
                devNext = deviance(s, etaNext, y, w);
            }
            if (!Double.isFinite(devNext)) {
                throw new IllegalStateException("IRLS: no valid step from " + java.util.Arrays.toString(beta));
            }
            double change = 0, size = 0;
            for (int j = 0; j < p; j++) {
                change = Math.max(change, Math.abs(next[j] - beta[j]));
                size = Math.max(size, Math.abs(next[j]));
            }
            beta = next;
            eta = etaNext;
            dev = devNext;
            if (change <= 1e-14 * Math.max(1.0, size)) {
                break;
            }
        }
        return new Fit(new double[][] {beta}, dev, iter + 1, maxScore(a, s, eta, y, w));
    }

    /**
     * Multinomial logistic regression by Newton's method, baseline category 0:
     * {@code eta_0 = 0, eta_j = x B_j (j = 1..k-1)}, {@code p = softmax(eta)}.
     * <pre>
     *   score_j = sum_i w_i (y_ij - p_ij) x_i,   H_{jl} = sum_i w_i (p_ij [j=l] - p_ij p_il) x_i x_i'
     *   deviance = -2 sum_i w_i sum_j y_ij log p_ij            (one-hot y)
     * </pre>
     *
     * @param x   covariates n x d (no intercept column)
     * @param cls class of each row, 0..k-1
     * @param k   number of classes
     * @param w   weights or null
     * @return the fit; {@code beta[j-1]} are class j's coefficients minus class 0's
     */
    public static Fit multinomial(double[][] x, int[] cls, int k, double[] w) {
        final DMatrixRMaj a = design(x);
        final int n = a.numRows, p = a.numCols, m = (k - 1) * p;
        double[] b = new double[m];
        double dev = multinomialDeviance(a, b, cls, k, w);
        int iter = 0;
        double maxScore = Double.NaN;
        for (; iter < MAX_ITER; iter++) {
            final DMatrixRMaj h = new DMatrixRMaj(m, m), u = new DMatrixRMaj(m, 1);
            double total = 0;
            for (int i = 0; i < n; i++) {
                final double[] pr = probabilities(a, b, i, k);
                final double wi = weight(w, i);
                total += wi;
                for (int j = 1; j < k; j++) {
                    final double r = (cls[i] == j ? 1.0 : 0.0) - pr[j];
                    for (int q = 0; q < p; q++) {
                        u.data[(j - 1) * p + q] += wi * r * a.get(i, q);
                    }
                    for (int l = 1; l < k; l++) {
                        final double c = wi * ((j == l ? pr[j] : 0.0) - pr[j] * pr[l]);
                        for (int q = 0; q < p; q++) {
                            for (int q2 = 0; q2 < p; q2++) {
                                h.data[((j - 1) * p + q) * m + (l - 1) * p + q2] += c * a.get(i, q) * a.get(i, q2);
                            }
                        }
                    }
                }
            }
            maxScore = CommonOps_DDRM.elementMaxAbs(u) / total;
            final LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(m);
            if (!chol.setA(h)) {
                throw new IllegalStateException("multinomial Hessian not positive definite");
            }
            final DMatrixRMaj step = new DMatrixRMaj(m, 1);
            chol.solve(u, step);
            double t = 1.0;
            double[] next = null;
            double devNext = Double.POSITIVE_INFINITY;
            for (int hv = 0; hv < MAX_HALVINGS; hv++, t *= 0.5) {
                next = b.clone();
                for (int q = 0; q < m; q++) {
                    next[q] += t * step.data[q];
                }
                devNext = multinomialDeviance(a, next, cls, k, w);
                if (devNext <= dev * (1 + 1e-13)) {
                    break;
                }
            }
            final double change = t * CommonOps_DDRM.elementMaxAbs(step);
            double size = 0;
            for (double v : next) {
                size = Math.max(size, Math.abs(v));
            }
            b = next;
            dev = devNext;
            if (change <= 1e-14 * Math.max(1.0, size)) {
                break;
            }
        }
        final double[][] beta = new double[k - 1][p];
        for (int j = 1; j < k; j++) {
            System.arraycopy(b, (j - 1) * p, beta[j - 1], 0, p);
        }
        return new Fit(beta, dev, iter + 1, maxScore);
    }

    private static double[] probabilities(DMatrixRMaj a, double[] b, int i, int k) {
        final int p = a.numCols;
        final double[] eta = new double[k];
        double max = 0;
        for (int j = 1; j < k; j++) {
            for (int q = 0; q < p; q++) {
                eta[j] += b[(j - 1) * p + q] * a.get(i, q);
            }
            max = Math.max(max, eta[j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            eta[j] = Math.exp(eta[j] - max);
            sum += eta[j];
        }
        for (int j = 0; j < k; j++) {
            eta[j] /= sum;
        }
        return eta;
    }

    private static double multinomialDeviance(DMatrixRMaj a, double[] b, int[] cls, int k, double[] w) {
        double dev = 0;
        for (int i = 0; i < a.numRows; i++) {
            dev -= 2 * weight(w, i) * Math.log(probabilities(a, b, i, k)[cls[i]]);
        }
        return dev;
    }

    /**
     * @param x n x p
     * @return [1, X], n x (p + 1)
     */
    public static DMatrixRMaj withIntercept(DMatrixRMaj x) {
        final DMatrixRMaj x1 = new DMatrixRMaj(x.numRows, x.numCols + 1);
        for (int i = 0; i < x.numRows; i++) {
            x1.set(i, 0, 1);
            for (int j = 0; j < x.numCols; j++) {
                x1.set(i, j + 1, x.get(i, j));
            }
        }
        return x1;
    }

    /**
     * Ridge regression by its normal equations, (X1' X1 + lambda I) beta = X1' y with X1 = [1, X]: every
     * coefficient penalised, the intercept too, as the engine's weight decay does.
     *
     * @param x      n x p inputs
     * @param y      n x 1 targets
     * @param lambda the penalty on the summed squared error / 2
     * @return beta, (p + 1) x 1, intercept first
     */
    public static DMatrixRMaj ridge(DMatrixRMaj x, DMatrixRMaj y, double lambda) {
        final DMatrixRMaj x1 = withIntercept(x);
        final DMatrixRMaj a = new DMatrixRMaj(x1.numCols, x1.numCols), b = new DMatrixRMaj(x1.numCols, 1);
        CommonOps_DDRM.multTransA(x1, x1, a);
        for (int j = 0; j < a.numRows; j++) {
            a.add(j, j, lambda);
        }
        CommonOps_DDRM.multTransA(x1, y, b);
        final DMatrixRMaj beta = new DMatrixRMaj(x1.numCols, 1);
        if (!CommonOps_DDRM.solve(a, b, beta)) {
            throw new IllegalStateException("singular ridge system at lambda " + lambda);
        }
        return beta;
    }
}
