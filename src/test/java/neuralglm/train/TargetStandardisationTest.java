package neuralglm.train;

import static neuralglm.testutil.ReferenceGlm.ridge;
import static neuralglm.testutil.ReferenceGlm.withIntercept;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import neuralglm.dist.FittedDispersion;
import neuralglm.family.Family;
import neuralglm.family.GaussianFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.model.Standardizer;
import neuralglm.nn.Activation;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import neuralglm.optim.LbfgsOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import org.junit.jupiter.api.Test;

/**
 * A Gaussian network trained on the standardised target (y - m) / s, its output layer mapped back
 * ({@link Standardizer#toOriginalOutputs}), and the automatic penalty among converged fits
 * ({@link PenaltySelection#selectConverged}), against closed forms solved here with EJML: ordinary and ridge
 * least squares.
 */
class TargetStandardisationTest {

    /** y = 500 + 80 x1 - 30 x2 + 10 x3 + N(0, 40^2): units far from 1, as a real numeric class. */
    private static DMatrixRMaj[] data(int n, long seed) {
        final Random rng = new Random(seed);
        final DMatrixRMaj x = new DMatrixRMaj(n, 3), y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x.set(i, j, rng.nextGaussian());
            }
            y.set(i, 0, 500 + 80 * x.get(i, 0) - 30 * x.get(i, 1) + 10 * x.get(i, 2) + 40 * rng.nextGaussian());
        }
        return new DMatrixRMaj[] {x, y};
    }

    private static Sequential glm(int inputs) {
        return Sequential.mlp(inputs, new int[0], () -> Activation.byName("ReLU"), 1, new Random(1));
    }

    @Test
    void glmOnTheStandardisedTargetMappedBackIsTheLeastSquaresFitWithTheSameDispersion() {
        final DMatrixRMaj[] d = data(80, 5);
        final DMatrixRMaj x = d[0], y = d[1];
        final Family gaussian = new GaussianFamily();
        final Standardizer target = Standardizer.fit(y, null);
        final DMatrixRMaj z = target.apply(y.copy());
        final Sequential net = glm(3);
        NullStart.apply(net, gaussian, z, null);
        new Trainer(500).fit(net, gaussian, new LbfgsOptimizer(1e-12, 10, 0), x, z, null);
        final Linear out = (Linear) net.layers().get(0);
        target.toOriginalOutputs(out);
        final DMatrixRMaj ols = ridge(x, y, 0);
        assertEquals(ols.get(0), out.bias().value().get(0), 1e-6 * Math.abs(ols.get(0)));
        for (int j = 0; j < 3; j++) {
            assertEquals(ols.get(j + 1), out.weight().value().get(0, j), 1e-6 * 80, "slope " + j);
        }
        // the dispersion (Pearson: RSS / (n - p)) is that of the least-squares fit, in the class's units
        final DMatrixRMaj fitted = net.predict(x), olsFitted = new DMatrixRMaj(80, 1);
        CommonOps_DDRM.mult(withIntercept(x), ols, olsFitted);
        double rss = 0;
        for (int i = 0; i < 80; i++) {
            rss += Math.pow(y.get(i) - olsFitted.get(i), 2);
        }
        final double phi = FittedDispersion.fit(FittedDispersion.Estimate.PEARSON, gaussian, fitted, y, null, 4).phi();
        assertEquals(rss / 76, phi, 1e-8 * phi);
        assertTrue(phi > 1000 && phi < 2500, "sigma^2 about 40^2: " + phi);
    }

    @Test
    void mappingBackTheOutputLayerGivesMeanPlusScaleTimesTheStandardisedOutput() {
        final DMatrixRMaj[] d = data(30, 9);
        final Standardizer target = Standardizer.fit(d[1], null);
        final Sequential net = Sequential.mlp(3, new int[] {7, 5}, () -> Activation.byName("Softplus"), 1, new Random(4));
        final DMatrixRMaj before = net.predict(d[0]);
        final Sequential mapped = net.copy();
        target.toOriginalOutputs((Linear) mapped.layers().get(mapped.layers().size() - 1));
        final DMatrixRMaj after = mapped.predict(d[0]);
        for (int i = 0; i < 30; i++) {
            assertEquals(target.mean()[0] + target.scale()[0] * before.get(i), after.get(i), 1e-9 * Math.abs(after.get(i)));
        }
    }

    @Test
    void convergedSelectionScoresEachPenaltyByTheRidgeFitOnTheTrainingPart() {
        final DMatrixRMaj[] d = data(60, 11);
        final DMatrixRMaj x = d[0];
        final DMatrixRMaj z = Standardizer.fit(d[1], null).apply(d[1].copy());
        final Family gaussian = new GaussianFamily();
        final double[] lambdas = {30, 3, 0.3, 0.03};
        final Trainer trainer = new Trainer(500).withSeed(2);
        final PenaltySelection path = PenaltySelection.selectConverged(() -> {
            final Sequential n = glm(3);
            NullStart.apply(n, gaussian, z, null);
            return n;
        }, gaussian, decay -> new LbfgsOptimizer(1e-12, 10, decay), trainer, x, z, null, lambdas, 0.25, null);
        final ValidationSplit split = ValidationSplit.of(gaussian, z, 0.25, 2);
        final DMatrixRMaj xt = ValidationSplit.rows(x, split.train()), zt = ValidationSplit.rows(z, split.train());
        final DMatrixRMaj xv = withIntercept(ValidationSplit.rows(x, split.validation()));
        final DMatrixRMaj zv = ValidationSplit.rows(z, split.validation());
        final double[] tried = path.lambdas(), losses = path.validationLosses();
        assertEquals(4, tried.length, "every candidate is fitted");
        double best = Double.POSITIVE_INFINITY, bestLambda = -1;
        for (int i = 0; i < tried.length; i++) {
            assertEquals(lambdas[i], tried[i], 0.0, "from the largest down");
            final DMatrixRMaj beta = ridge(xt, zt, tried[i]), pred = new DMatrixRMaj(xv.numRows, 1);
            CommonOps_DDRM.mult(xv, beta, pred);
            double nll = 0;
            for (int r = 0; r < pred.numRows; r++) {
                nll += 0.5 * Math.pow(zv.get(r) - pred.get(r), 2);
            }
            nll /= pred.numRows;
            assertEquals(nll, losses[i], 1e-6 * nll, "held-out mean NLL at lambda " + tried[i]);
            if (nll < best) {
                best = nll;
                bestLambda = tried[i];
            }
        }
        assertEquals(bestLambda, path.best(), 0.0);
        assertTrue(path.best() < 30, "the strongest penalty shrinks a clear signal too far");
    }

    @Test
    void onlyTheGaussianIsLocationScale() {
        assertTrue(new GaussianFamily().locationScale());
        assertTrue(!new PoissonFamily().locationScale());
    }
}
