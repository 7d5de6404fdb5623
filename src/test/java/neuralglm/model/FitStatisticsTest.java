package neuralglm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import neuralglm.family.BernoulliFamily;
import neuralglm.family.GaussianFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Checks the summary against textbook formulas written out here, not against the families. */
class FitStatisticsTest {

    private static final double[] Y = {1.0, 3.0, 2.0, 6.0, 4.0};
    private static final double[] ETA = {1.5, 2.5, 2.0, 5.0, 4.5};
    private static final double[] W = {1.0, 2.0, 0.5, 1.0, 3.0};

    private static DMatrixRMaj col(double[] v) {
        return new DMatrixRMaj(v.length, 1, true, v);
    }

    @Test
    void gaussianIsResidualSumOfSquares() {
        final FitStatistics s = FitStatistics.of(new GaussianFamily(), col(ETA), col(Y), W, 2);
        double rss = 0, sw = 0, swy = 0;
        for (int i = 0; i < Y.length; i++) {
            rss += W[i] * (Y[i] - ETA[i]) * (Y[i] - ETA[i]);
            sw += W[i];
            swy += W[i] * Y[i];
        }
        double tss = 0;
        for (int i = 0; i < Y.length; i++) {
            tss += W[i] * (Y[i] - swy / sw) * (Y[i] - swy / sw);
        }
        assertEquals(rss, s.deviance(), 1e-12);
        assertEquals(tss, s.nullDeviance(), 1e-12);
        assertEquals(rss / (sw - 2), s.dispersion(), 1e-12);
        assertEquals(rss / (2 * sw), s.meanNll(), 1e-12, "Gaussian nll = (y - eta)^2 / 2");
        assertEquals(2, s.numParameters());
        assertEquals(rss / sw, FitStatistics.of(new GaussianFamily(), col(ETA), col(Y), W, 0).dispersion(), 1e-12,
                "p = 0: no degrees-of-freedom correction");
    }

    @Test
    void poissonDevianceIsTheTextbookFormula() {
        final FitStatistics s = FitStatistics.of(new PoissonFamily(), col(new double[] {0, 0.4, 0.7, 1.8, 1.4}), col(Y), W, 2);
        final double[] eta = {0, 0.4, 0.7, 1.8, 1.4};
        double dev = 0, sw = 0, swy = 0;
        for (int i = 0; i < Y.length; i++) {
            final double mu = Math.exp(eta[i]);
            dev += W[i] * 2 * (Y[i] * Math.log(Y[i] / mu) - (Y[i] - mu));
            sw += W[i];
            swy += W[i] * Y[i];
        }
        double dev0 = 0;
        for (int i = 0; i < Y.length; i++) {
            dev0 += W[i] * 2 * (Y[i] * Math.log(Y[i] / (swy / sw)) - (Y[i] - swy / sw));
        }
        assertEquals(dev, s.deviance(), 1e-12);
        assertEquals(dev0, s.nullDeviance(), 1e-12);
        assertEquals(1.0, s.dispersion(), 0.0);
    }

    @Test
    void nullModelStartGivesTheNullDevianceAtEpochZero() {
        final double[] y = {0, 1, 1, 0, 1, 1};
        final DMatrixRMaj x = new DMatrixRMaj(6, 2);
        for (int i = 0; i < 12; i++) {
            x.data[i] = Math.sin(i);
        }
        final Sequential net = Sequential.mlp(2, new int[] {3}, Activation.Tanh::new, 1, new java.util.Random(1));
        neuralglm.train.NullStart.apply(net, new BernoulliFamily(), col(y), null);
        final Linear out = (Linear) net.layers().get(2);
        assertEquals(Math.log(4.0 / 2.0), out.bias().value().get(0, 0), 1e-15, "logit of ybar = 4/6");
        final FitStatistics s = FitStatistics.of(new BernoulliFamily(), net.predict(x), col(y), null, net.numParameters());
        assertEquals(s.nullDeviance(), s.deviance(), 1e-12);
    }

    @Test
    void nullModelStartStaysFiniteWhenTheMeanIsOnTheBoundary() {
        final Sequential net = Sequential.mlp(2, new int[0], Activation.Tanh::new, 1, new java.util.Random(1));
        neuralglm.train.NullStart.apply(net, new PoissonFamily(), col(new double[] {0, 0, 0}), null);
        assertEquals(0.0, ((Linear) net.layers().get(0)).bias().value().get(0, 0), 0.0);
    }
}
