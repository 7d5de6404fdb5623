package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import neuralglm.family.Family;
import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Parameter;
import neuralglm.nn.Parameters;
import neuralglm.nn.Precision;
import neuralglm.nn.Sequential;
import neuralglm.optim.AdamOptimizer;
import neuralglm.optim.Optimizer;
import neuralglm.optim.SgdOptimizer;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ParallelStep} shares the gradient reduction and an elementwise optimiser's update among its threads by
 * ranges of the parameter entries. Checked against a reference written out here, without threads: each slice's
 * gradient from its own {@link BlockGradient} on a copy of the network (rows {@code n t / T ..}, scale
 * {@code W_t / W}), added up entry by entry in slice order {@code ((g0 + g1) + g2)}, the loss
 * {@code sum_t (W_t / W) loss_t}, then the optimiser's whole-vector {@link Optimizer#step()}: the same bits, step
 * after step (loss, reduced gradients, weights), for SGD with Nesterov momentum and weight decay and for Adam,
 * with 2, 3 and 4 threads, with workers that never start (the caller runs every task), and with an optimiser bound
 * to the parameters in another order (then the update runs on the caller, whole). And, up to rounding, the
 * one-thread step.
 */
class ParallelStepRangesTest {

    @Test
    void rangesCoverEveryEntryOnceInOrderCutAtCacheLines() {
        for (int[] sizes : new int[][] {{1280, 64, 4096, 64, 64, 1}, {3, 5}, {1}, {7, 9, 100}, {0, 17}}) {
            final Parameter[] params = new Parameter[sizes.length];
            long total = 0;
            for (int p = 0; p < sizes.length; p++) {
                params[p] = new Parameter("p" + p, new DMatrixRMaj(1, sizes[p]));
                total += params[p].size();
            }
            for (int threads = 1; threads <= 5; threads++) {
                final int[][] r = ParallelStep.ranges(params, threads);
                assertEquals(threads, r.length);
                long next = 0; // the flat index the next segment must start at
                for (int t = 0; t < threads; t++) {
                    for (int k = 0; k < r[t].length; k += 3) {
                        final int p = r[t][k], from = r[t][k + 1], to = r[t][k + 2];
                        long base = 0;
                        for (int q = 0; q < p; q++) {
                            base += params[q].size();
                        }
                        // an empty parameter has no segment
                        assertEquals(next, base + from, "threads " + threads + ", task " + t + ": segments in order, no gap");
                        assertTrue(from < to && to <= params[p].size(), "a segment inside its parameter");
                        next = base + to;
                        if (k == 0 && t > 0) {
                            assertEquals(0, (base + from) % 8, "a cut at a multiple of 8");
                        }
                    }
                }
                assertEquals(total, next, "threads " + threads + ": every entry covered");
            }
        }
    }

    @ParameterizedTest
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a caller waiting for workers that never start hangs
    @CsvSource({"2, sgd, false, false", "3, sgd, false, false", "2, adam, false, false", "3, adam, true, false",
        "2, sgd, true, false", "2, adam, false, true", "4, sgd, false, false", "4, adam, true, false", "4, adam, false, true"})
    void sameBitsAsTheReductionAndUpdateWrittenOut(int threads, String optimizer, boolean callerAlone, boolean reordered) {
        final Random rng = new Random(threads * 10 + optimizer.length());
        final int n = 700, d = 6, batch = 200;
        final DMatrixRMaj x = new DMatrixRMaj(n, d), y = new DMatrixRMaj(n, 1);
        final double[] w = new double[n];
        ParallelStepWindowTest.countData(rng, x, y, w, 4, 11);
        final int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = (int) ((i * 379L) % n); // 379 is prime to 700: a permutation
        }
        final Family family = new PoissonFamily();
        final Sequential net = Sequential.mlp(d, new int[] {37, 19}, Activation.Tanh::new, 1, new Random(5));
        final Sequential ref = net.copy(), one = net.copy();
        final Sequential[] sliceNets = new Sequential[threads];
        final BlockGradient[] sliceGradients = new BlockGradient[threads];
        for (int t = 0; t < threads; t++) {
            sliceNets[t] = net.copy();
            sliceGradients[t] = new BlockGradient(sliceNets[t], family);
        }
        final Optimizer opt = optimizer(optimizer), refOpt = optimizer(optimizer), oneOpt = optimizer(optimizer);
        opt.initialise(order(net.parameters(), reordered));
        refOpt.initialise(order(ref.parameters(), reordered));
        oneOpt.initialise(one.parameters());
        final DMatrixRMaj xb = new DMatrixRMaj(batch, d), yb = new DMatrixRMaj(batch, 1);
        final double[] wb = new double[batch];
        final ParallelStep step = new ParallelStep(net, family, x, y, w, threads, Precision.FLOAT64, !callerAlone);
        final Trainer.Step single = new Trainer.Step(one, family, xb, yb, wb, Precision.FLOAT64);
        try {
            for (int epoch = 0; epoch < 2; epoch++) {
                for (int start = 0; start < n; start += batch) {
                    final int rows = Math.min(batch, n - start);
                    ParallelStepWindowTest.copyBatch(x, y, w, perm, start, rows, xb, yb, wb);
                    final double[] batchWeights = java.util.Arrays.copyOf(wb, batch);
                    step.window(perm, start, rows, batchWeights);
                    final double loss = opt.step(step);
                    final double refLoss = referenceStep(ref, sliceNets, sliceGradients, xb, yb, wb, rows, threads);
                    final double oneLoss = oneOpt.step(single);
                    final String what = "epoch " + epoch + ", batch at " + start;
                    assertEquals(Double.doubleToLongBits(refLoss), Double.doubleToLongBits(loss), what + ": loss");
                    assertEquals(oneLoss, loss, 1e-12 * Math.abs(oneLoss), what + ": loss against one thread");
                    final List<Parameter> pn = net.parameters(), pr = ref.parameters();
                    for (int p = 0; p < pn.size(); p++) {
                        final double[] gr = pr.get(p).grad().data;
                        for (int k = 0; k < pn.get(p).size(); k++) {
                            // where the step kept it: the network's gradient, or a worker's buffer for its range
                            assertEquals(Double.doubleToLongBits(gr[k]), Double.doubleToLongBits(step.gradient(p, k)),
                                    what + ": gradient of " + pn.get(p).name() + "[" + k + "]");
                        }
                    }
                    refOpt.step();
                    final double[] v = Parameters.flatten(pn), vr = Parameters.flatten(pr), v1 = Parameters.flatten(one.parameters());
                    for (int k = 0; k < v.length; k++) {
                        assertEquals(Double.doubleToLongBits(vr[k]), Double.doubleToLongBits(v[k]), what + ": weight " + k);
                        assertEquals(v1[k], v[k], 1e-12, what + ": weight " + k + " against one thread");
                    }
                }
            }
        } finally {
            step.close();
        }
    }

    /**
     * {@link ParallelStep#evaluateForUpdate()} leaves the reduction to the update (each range added up, then updated,
     * by one thread): the same bits as {@link ParallelStep#evaluate()} (reduction as a phase of its own) followed by
     * the same update, for SGD and Adam, step after step. The second step is driven through a closure that forwards
     * evaluate and update only, so its optimiser gets the default {@code evaluateForUpdate} (= evaluate).
     */
    @ParameterizedTest
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @CsvSource({"2, sgd", "3, adam", "4, sgd", "4, adam"})
    void reductionLeftToTheUpdateGivesTheSameBits(int threads, String optimizer) {
        final Random rng = new Random(threads);
        final int n = 500, d = 5, batch = 128;
        final DMatrixRMaj x = new DMatrixRMaj(n, d), y = new DMatrixRMaj(n, 1);
        final double[] w = new double[n];
        ParallelStepWindowTest.countData(rng, x, y, w, 3, 9);
        final int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = (int) ((i * 37L) % n);
        }
        final Family family = new PoissonFamily();
        final Sequential fused = Sequential.mlp(d, new int[] {16, 8}, Activation.ReLU::new, 1, new Random(3));
        final Sequential phased = fused.copy();
        final Optimizer fusedOpt = optimizer(optimizer), phasedOpt = optimizer(optimizer);
        fusedOpt.initialise(fused.parameters());
        phasedOpt.initialise(phased.parameters());
        final ParallelStep a = new ParallelStep(fused, family, x, y, w, threads, Precision.FLOAT64);
        final ParallelStep b = new ParallelStep(phased, family, x, y, w, threads, Precision.FLOAT64);
        final Optimizer.Closure forwardOnly = new Optimizer.Closure() {
            @Override
            public double evaluate() {
                return b.evaluate();
            }

            @Override
            public void update(List<Parameter> params, Optimizer.Closure.RangeUpdate update) {
                b.update(params, update);
            }
        };
        try {
            for (int start = 0; start + batch <= n; start += batch) {
                final double[] wb = new double[batch];
                for (int r = 0; r < batch; r++) {
                    wb[r] = w[perm[start + r]];
                }
                a.window(perm, start, batch, wb);
                b.window(perm, start, batch, wb);
                final double la = fusedOpt.step(a), lb = phasedOpt.step(forwardOnly);
                assertEquals(Double.doubleToLongBits(lb), Double.doubleToLongBits(la), "batch at " + start + ": loss");
                final double[] va = Parameters.flatten(fused.parameters()), vb = Parameters.flatten(phased.parameters());
                for (int k = 0; k < va.length; k++) {
                    assertEquals(Double.doubleToLongBits(vb[k]), Double.doubleToLongBits(va[k]), "batch at " + start + ": weight " + k);
                }
                final List<Parameter> pa = fused.parameters(), pb = phased.parameters();
                for (int p = 0; p < pa.size(); p++) {
                    final double[] gb = pb.get(p).grad().data;
                    for (int k = 0; k < gb.length; k++) {
                        // the phased step reduced into the network's gradient; the fused one kept range t in slice t's buffer
                        assertEquals(Double.doubleToLongBits(gb[k]), Double.doubleToLongBits(b.gradient(p, k)),
                                "batch at " + start + ": phased gradient of " + pb.get(p).name() + "[" + k + "]");
                        assertEquals(Double.doubleToLongBits(gb[k]), Double.doubleToLongBits(a.gradient(p, k)),
                                "batch at " + start + ": reduced gradient of " + pa.get(p).name() + "[" + k + "]");
                    }
                }
            }
        } finally {
            a.close();
            b.close();
        }
    }

    private static Optimizer optimizer(String name) {
        return name.equals("sgd") ? new SgdOptimizer(0.05, 0.9, true, 0.01) : new AdamOptimizer(0.01, 0.9, 0.999, 1e-8, 0.01);
    }

    private static List<Parameter> order(List<Parameter> params, boolean reordered) {
        final List<Parameter> out = new ArrayList<>(params);
        if (reordered) {
            Collections.reverse(out);
        }
        return out;
    }

    /**
     * The documented step without threads: slice t's gradient on a copy of ref (rows n t / T .. n (t + 1) / T - 1 of
     * the batch, scaled by its share of the batch weight), ref's gradient = ((g0 + g1) + g2) entry by entry.
     *
     * @return {@code sum_t share_t loss_t}, over the slices with a share
     */
    private static double referenceStep(Sequential ref, Sequential[] sliceNets, BlockGradient[] sliceGradients,
                                        DMatrixRMaj xb, DMatrixRMaj yb, double[] wb, int n, int threads) {
        final int d = xb.numCols;
        final double total = Family.totalWeight(wb, n);
        final List<Parameter> pr = ref.parameters();
        final double[] weights = Parameters.flatten(pr);
        double loss = 0.0;
        for (int t = 0; t < threads; t++) {
            final int from = (int) ((long) n * t / threads), rows = (int) ((long) n * (t + 1) / threads) - from;
            final List<Parameter> ps = sliceNets[t].parameters();
            Parameters.restore(ps, weights);
            for (Parameter p : ps) {
                p.zeroGrad();
            }
            double sliceWeight = 0.0;
            for (int i = from; i < from + rows; i++) {
                sliceWeight += wb[i];
            }
            final double share = rows == 0 ? 0.0 : sliceWeight / total;
            if (share == 0) {
                continue;
            }
            final DMatrixRMaj xs = new DMatrixRMaj(rows, d), ys = new DMatrixRMaj(rows, 1);
            System.arraycopy(xb.data, from * d, xs.data, 0, rows * d);
            System.arraycopy(yb.data, from, ys.data, 0, rows);
            final double[] ws = java.util.Arrays.copyOfRange(wb, from, from + rows);
            loss += share * sliceGradients[t].mean(xs, ys, ws, share, true);
        }
        for (int p = 0; p < pr.size(); p++) {
            final double[] g = pr.get(p).grad().data;
            for (int k = 0; k < pr.get(p).size(); k++) {
                double s = sliceNets[0].parameters().get(p).grad().data[k];
                for (int t = 1; t < threads; t++) {
                    s += sliceNets[t].parameters().get(p).grad().data[k];
                }
                g[k] = s;
            }
        }
        return loss;
    }
}
