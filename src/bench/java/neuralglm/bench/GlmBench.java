package neuralglm.bench;

import java.util.Locale;
import java.util.Random;

import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import neuralglm.optim.LbfgsOptimizer;
import neuralglm.train.Trainer;
import neuralglm.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * GLM mode: a network with no hidden layer (one Linear, log link) trained by full-batch L-BFGS
 * (gradient tolerance {@code --tol}, default 1e-8) on simulated Poisson data ({@code --rows} 20,000 x
 * {@code --features} 10), against Newton/IRLS on the same data (EJML Cholesky on X'WX, stopped when
 * the deviance changes by less than 1e-12 relative). Alternated, min / median / max over {@code --reps}
 * (default 5) after 10 untimed runs of each; prints both deviances and the largest coefficient difference.
 */
final class GlmBench {

    private static final int WARMUP = 10;

    private GlmBench() {
    }

    static void run(BenchArgs a) {
        final int n = a.integer("rows", 20_000), d = a.integer("features", 10), reps = a.integer("reps", 5);
        final double tol = a.real("tol", 1e-8);
        final Random rng = new Random(42);
        final DMatrixRMaj x = new DMatrixRMaj(n, d), y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            double eta = 0.5;
            for (int j = 0; j < d; j++) {
                x.set(i, j, rng.nextGaussian());
                eta += 0.3 * x.get(i, j) / Math.sqrt(j + 1.0);
            }
            final double limit = Math.exp(-Math.exp(eta));
            int k = 0;
            for (double p = rng.nextDouble(); p > limit; p *= rng.nextDouble()) {
                k++;
            }
            y.set(i, 0, k);
        }
        final double[] tNet = new double[reps], tIrls = new double[reps];
        double[] betaNet = null, betaIrls = null;
        double devNet = 0, devIrls = 0;
        int iterNet = 0, iterIrls = 0;
        boolean converged = false;
        for (int r = -WARMUP; r < reps; r++) { // r < 0: untimed warm-up (JIT)
            final Sequential net = Sequential.mlp(d, new int[0], Activation.Identity::new, 1, new Random(1));
            long t0 = System.nanoTime();
            final TrainingResult res = new Trainer(1000).fit(net, new PoissonFamily(), new LbfgsOptimizer(tol, 10, 0.0), x, y, null);
            final double s1 = (System.nanoTime() - t0) * 1e-9;
            t0 = System.nanoTime();
            final Irls irls = Irls.poisson(x, y);
            final double s2 = (System.nanoTime() - t0) * 1e-9;
            if (r >= 0) {
                tNet[r] = s1;
                tIrls[r] = s2;
            }
            final Linear fc = (Linear) net.layers().get(0);
            betaNet = new double[d + 1];
            betaNet[0] = fc.bias().value().data[0];
            System.arraycopy(fc.weight().value().data, 0, betaNet, 1, d);
            devNet = new PoissonFamily().deviance(net.predict(x), y, null);
            iterNet = res.lossTrace().length;
            converged = res.converged();
            betaIrls = irls.beta;
            devIrls = irls.deviance;
            iterIrls = irls.iterations;
        }
        double worst = 0;
        for (int j = 0; j <= d; j++) {
            worst = Math.max(worst, Math.abs(betaNet[j] - betaIrls[j]));
        }
        final Stats sn = new Stats(tNet), si = new Stats(tIrls);
        System.out.printf(Locale.ROOT, "GLM mode: Poisson, %d x %d, log link; %d runs alternated%n", n, d, reps);
        System.out.printf(Locale.ROOT, "%-30s %9s %9s %9s %6s %18s%n", "solver", "min s", "median s", "max s", "iter", "deviance");
        System.out.printf(Locale.ROOT, "%-30s %9.4f %9.4f %9.4f %6d %18.10f%n", "neuralGLM L-BFGS (tol " + tol + ")",
                sn.min, sn.median, sn.max, iterNet, devNet);
        System.out.printf(Locale.ROOT, "%-30s %9.4f %9.4f %9.4f %6d %18.10f%n", "Newton/IRLS (EJML Cholesky)",
                si.min, si.median, si.max, iterIrls, devIrls);
        System.out.printf(Locale.ROOT, "IRLS/L-BFGS time ratio %.2f; L-BFGS converged: %s; max |beta difference| %.2e%n",
                si.median / sn.median, converged, worst);
    }

    /** Newton/IRLS for the Poisson GLM with log link and an intercept. */
    static final class Irls {
        double[] beta;
        double deviance;
        int iterations;

        static Irls poisson(DMatrixRMaj x, DMatrixRMaj y) {
            final int n = x.numRows, d = x.numCols, q = d + 1;
            final DMatrixRMaj xtwx = new DMatrixRMaj(q, q), xtwz = new DMatrixRMaj(q, 1), b = new DMatrixRMaj(q, 1);
            final double[] eta = new double[n];
            double yMean = 0;
            for (int i = 0; i < n; i++) {
                yMean += y.data[i] / n;
            }
            b.data[0] = Math.log(yMean);
            final LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(q);
            final PoissonFamily fam = new PoissonFamily();
            double dev = Double.POSITIVE_INFINITY;
            final Irls out = new Irls();
            final double[] row = new double[q];
            for (int it = 1; it <= 100; it++) {
                CommonOps_DDRM.fill(xtwx, 0);
                CommonOps_DDRM.fill(xtwz, 0);
                double newDev = 0;
                for (int i = 0; i < n; i++) {
                    row[0] = 1;
                    System.arraycopy(x.data, i * d, row, 1, d);
                    double e = 0;
                    for (int j = 0; j < q; j++) {
                        e += row[j] * b.data[j];
                    }
                    eta[i] = e;
                    final double mu = Math.exp(e), yi = y.data[i];
                    newDev += fam.unitDeviance(yi, mu);
                    final double z = e + (yi - mu) / mu;
                    for (int j = 0; j < q; j++) {
                        final double wr = mu * row[j];
                        xtwz.data[j] += wr * z;
                        for (int k = 0; k <= j; k++) {
                            xtwx.data[j * q + k] += wr * row[k];
                        }
                    }
                }
                out.iterations = it;
                if (Math.abs(newDev - dev) <= 1e-12 * Math.abs(newDev)) {
                    dev = newDev;
                    break;
                }
                dev = newDev;
                for (int j = 0; j < q; j++) {
                    for (int k = 0; k < j; k++) {
                        xtwx.data[k * q + j] = xtwx.data[j * q + k];
                    }
                }
                if (!chol.setA(xtwx)) {
                    throw new IllegalStateException("X'WX is not positive definite");
                }
                chol.solve(xtwz, b);
            }
            out.beta = b.data.clone();
            out.deviance = dev;
            return out;
        }
    }
}
