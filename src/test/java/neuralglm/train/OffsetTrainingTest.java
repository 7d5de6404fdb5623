package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import neuralglm.family.BernoulliFamily;
import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.family.GammaFamily;
import neuralglm.family.Link;
import neuralglm.family.PoissonFamily;
import neuralglm.linalg.RowSource;
import neuralglm.nn.Activation;
import neuralglm.nn.Parameter;
import neuralglm.nn.Parameters;
import neuralglm.nn.Sequential;
import neuralglm.optim.AdamOptimizer;
import neuralglm.optim.LbfgsOptimizer;
import neuralglm.optim.Optimizer;
import neuralglm.optim.SgdOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Training with an offset on eta ({@link neuralglm.family.Offsets}) on every path of the loop: full batch and
 * shuffled mini-batches, one and two threads, early stopping on a validation split, inputs read from a
 * {@link RowSource}; SGD, Adam and L-BFGS. Three checks, none using the code under test as its own reference:
 * <ul>
 *   <li>the gradient of the mean NLL through the offset path equals central finite differences of the loss
 *       (a network with a hidden layer);</li>
 *   <li>offsets all 0 give the run without an offset, bit for bit (parameters, loss trace, final outputs);</li>
 *   <li>a GLM with offset {@code o = c x_1} is the GLM without one whose weight on x_1 is larger by c (the same eta
 *       at every step): started c apart, the two runs stay c apart on every path, so each batch, slice and held-out
 *       row got its own row's offset (a wrong gather breaks it by far more than the rounding, 1e-9 here).</li>
 * </ul>
 */
class OffsetTrainingTest {

    private static final int N = 300, D = 3;

    private record Data(DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset) {
    }

    /** Poisson counts with mean exp(0.2 + x b + o), o = log(exposure), exposures 0.5 to 20. */
    private static Data poisson(long seed) {
        final Random r = new Random(seed);
        final DMatrixRMaj x = new DMatrixRMaj(N, D), y = new DMatrixRMaj(N, 1);
        final double[] w = new double[N], o = new double[N];
        for (int i = 0; i < N; i++) {
            double eta = 0.2;
            for (int j = 0; j < D; j++) {
                x.set(i, j, r.nextGaussian());
                eta += 0.3 * (j + 1) * x.get(i, j) / D;
            }
            o[i] = Math.log(0.5 + 19.5 * r.nextDouble());
            final double mu = Math.exp(eta + o[i]);
            // Knuth's Poisson sampler (mu at most about 60 here)
            double p = 1, limit = Math.exp(-mu);
            int k = -1;
            do {
                k++;
                p *= r.nextDouble();
            } while (p > limit);
            y.set(i, 0, k);
            w[i] = 0.5 + r.nextDouble();
        }
        return new Data(x, y, w, o);
    }

    private static Sequential network(int[] hidden, long seed) {
        return Sequential.mlp(D, hidden, Activation.Tanh::new, 1, new Random(seed));
    }

    @Test
    void gradientThroughTheOffsetMatchesFiniteDifferences() {
        final Data data = poisson(3);
        final DMatrixRMaj xg = new DMatrixRMaj(data.x().numRows, D);
        xg.setTo(data.x());
        final Family[] families = {new PoissonFamily(), new GammaFamily(Link.LOG), new BernoulliFamily()};
        for (Family family : families) {
            final DMatrixRMaj y = data.y().copy();
            for (int i = 0; i < N; i++) {   // targets in the family's domain: counts + 1 for Gamma, 0/1 for Bernoulli
                final double v = y.get(i, 0);
                y.set(i, 0, family instanceof GammaFamily ? v + 1 : family instanceof BernoulliFamily ? Math.min(v, 1) : v);
            }
            final double[] o = data.offset().clone();
            if (family instanceof BernoulliFamily) {
                for (int i = 0; i < N; i++) {
                    o[i] -= 2;
                }
            }
            final Sequential net = network(new int[] {5}, 11);
            final BlockGradient g = new BlockGradient(net, family);
            net.zeroGrad();
            g.mean(xg, y, data.w(), o, 1.0, true);
            final List<Parameter> params = net.parameters();
            final double[] analytic = new double[Parameters.size(params)];
            Parameters.flattenGradients(params, analytic);
            final double[] theta = Parameters.flatten(params);
            final double h = 1e-6;
            double worst = 0;
            for (int k = 0; k < theta.length; k++) {
                final double[] plus = theta.clone(), minus = theta.clone();
                plus[k] += h;
                minus[k] -= h;
                Parameters.restore(params, plus);
                final double lp = g.mean(xg, y, data.w(), o, 1.0, false);
                Parameters.restore(params, minus);
                final double lm = g.mean(xg, y, data.w(), o, 1.0, false);
                final double numeric = (lp - lm) / (2 * h);
                worst = Math.max(worst, Math.abs(numeric - analytic[k]) / Math.max(1e-3, Math.abs(numeric)));
            }
            Parameters.restore(params, theta);
            assertTrue(worst < 1e-6, family.name() + ": worst relative gradient error " + worst);
            // the offset moves the loss: the same network without it has another
            final double with = g.mean(xg, y, data.w(), o, 1.0, false), without = g.mean(xg, y, data.w(), 1.0, false);
            assertTrue(Math.abs(with - without) > 1e-3, family.name() + ": loss " + with + " with, " + without + " without");
        }
    }

    /** One way of training: a trainer, an optimiser, and whether the inputs are read from a RowSource. */
    private record Path(String name, Trainer trainer, Supplier<Optimizer> optimizer, boolean source) {
    }

    private static List<Path> paths() {
        return List.of(
                new Path("full batch L-BFGS", new Trainer(40), LbfgsOptimizer::new, false),
                new Path("full batch SGD, 2 threads", new Trainer(30).withThreads(2), () -> new SgdOptimizer(0.01), false),
                new Path("mini-batch Adam", new Trainer(6).withBatchSize(32).withSeed(5), () -> new AdamOptimizer(0.01), false),
                new Path("mini-batch Adam, 2 threads", new Trainer(6).withBatchSize(32).withSeed(5).withThreads(2),
                        () -> new AdamOptimizer(0.01), false),
                new Path("mini-batch SGD from a RowSource", new Trainer(5).withBatchSize(50).withSeed(9),
                        () -> new SgdOptimizer(0.005, 0.9, false, 0.0), true),
                new Path("mini-batch SGD from a RowSource, 2 threads", new Trainer(5).withBatchSize(50).withSeed(9)
                        .withThreads(2), () -> new SgdOptimizer(0.005, 0.9, false, 0.0), true),
                new Path("early stopping, Adam", new Trainer(30).withBatchSize(40).withValidation(0.25, 3),
                        () -> new AdamOptimizer(0.05), false));
    }

    private static TrainingSession start(Path p, Sequential net, Family family, Data d, double[] offset) {
        return p.source() ? p.trainer().start(net, family, p.optimizer().get(), RowSource.dense(d.x()), d.y(), d.w(), offset)
                : p.trainer().start(net, family, p.optimizer().get(), d.x(), false, d.y(), d.w(), offset);
    }

    private static TrainingResult run(TrainingSession s) {
        try (s) {
            while (s.runEpoch()) {
                // one epoch per call
            }
            return s.finish();
        }
    }

    @Test
    void zeroOffsetsGiveTheRunWithoutAnOffsetBitForBit() {
        final Data d = poisson(21);
        final double[] zeros = new double[N];
        final Family family = new PoissonFamily();
        for (Path p : paths()) {
            for (int[] hidden : new int[][] {{}, {6}}) {
                final Sequential a = network(hidden, 4), b = network(hidden, 4);
                final TrainingSession sa = start(p, a, family, d, null), sb = start(p, b, family, d, zeros);
                final TrainingResult ra = run(sa), rb = run(sb);
                final String what = p.name() + ", hidden " + java.util.Arrays.toString(hidden);
                assertArrayEquals(ra.lossTrace(), rb.lossTrace(), 0.0, what + ": loss trace");
                assertArrayEquals(Parameters.flatten(a.parameters()), Parameters.flatten(b.parameters()), 0.0,
                        what + ": parameters");
                assertEquals(Double.doubleToLongBits(ra.finalLoss()), Double.doubleToLongBits(rb.finalLoss()), what);
            }
        }
    }

    @Test
    void anOffsetOfAnInputTimesCIsThatInputsWeightMovedByC() {
        final Data d = poisson(22);
        final double c = 0.75;
        final double[] o = new double[N];
        for (int i = 0; i < N; i++) {
            o[i] = c * d.x().get(i, 0);
        }
        final Family family = new PoissonFamily();
        for (Path p : paths()) {
            final Sequential with = network(new int[0], 8), without = network(new int[0], 8);
            final DMatrixRMaj wt = without.parameters().get(0).value();   // the output layer's weight, 1 x D
            assertEquals(D, wt.getNumElements(), "the first parameter is the weight");
            wt.set(0, 0, wt.get(0, 0) + c);
            final TrainingResult rw = run(start(p, with, family, d, o)), rn = run(start(p, without, family, d, null));
            final double[] a = Parameters.flatten(with.parameters()), b = Parameters.flatten(without.parameters());
            b[0] -= c;
            assertEquals(rn.epochs(), rw.epochs(), p.name() + ": epochs");
            for (int k = 0; k < a.length; k++) {
                assertEquals(b[k], a[k], 1e-9 * (1 + Math.abs(b[k])), p.name() + ": parameter " + k);
            }
            assertEquals(rn.finalLoss(), rw.finalLoss(), 1e-12 * Math.abs(rn.finalLoss()), p.name() + ": final loss");
            assertTrue(Math.abs(a[0] - Parameters.flatten(network(new int[0], 8).parameters())[0]) > 1e-3,
                    p.name() + ": the weight moved in training");
        }
    }

    @Test
    void badOffsetsAreRefusedWithTheRow() {
        final Data d = poisson(23);
        final double[] o = d.offset().clone();
        o[17] = Double.NaN;
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(2).fit(network(new int[0], 1), new PoissonFamily(), new SgdOptimizer(0.01), d.x(), d.y(),
                        null, o));
        assertTrue(e.getMessage().contains("row 17"), e.getMessage());
        final IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(2).fit(network(new int[0], 1), new PoissonFamily(), new SgdOptimizer(0.01), d.x(), d.y(),
                        null, new double[N - 1]));
        assertTrue(len.getMessage().contains((N - 1) + " offsets"), len.getMessage());
        final DMatrixRMaj onehot = new DMatrixRMaj(N, 2);
        for (int i = 0; i < N; i++) {
            onehot.set(i, i % 2, 1);
        }
        final IllegalArgumentException cat = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(2).fit(Sequential.mlp(D, new int[0], Activation.Tanh::new, 2, new Random(1)),
                        new CategoricalFamily(), new SgdOptimizer(0.01), d.x(), onehot, null, new double[N]));
        assertTrue(cat.getMessage().contains("one-output family"), cat.getMessage());
    }
}
