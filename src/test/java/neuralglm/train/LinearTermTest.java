package neuralglm.train;

import static neuralglm.train.AutoRegularisation.AUTO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.LongFunction;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import neuralglm.family.CategoricalFamily;
import neuralglm.family.GaussianFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import neuralglm.optim.LbfgsOptimizer;

/**
 * The linear term of a small Gaussian model: the held-out comparison (against sums written out here), the plan that
 * asks for it, and the choice on data that favour either side.
 */
class LinearTermTest {

    /** Gaussian NLL 0.5 (y - eta)^2 per row; the paired difference's weighted mean and standard error by hand. */
    @Test
    void comparisonIsThePairedDifferenceOfTheRowsLosses() {
        final double[] y = {1.0, -0.5, 2.0, 0.3}, net = {0.8, -0.1, 1.2, 0.9}, glm = {1.1, -0.7, 2.4, 0.1},
                w = {1, 2, 0.5, 1.5};
        double sw = 0, sn = 0, sa = 0;
        final double[] d = new double[4];
        for (int i = 0; i < 4; i++) {
            final double ln = 0.5 * (y[i] - net[i]) * (y[i] - net[i]);
            final double avg = (net[i] + glm[i]) / 2, la = 0.5 * (y[i] - avg) * (y[i] - avg);
            d[i] = ln - la;
            sw += w[i];
            sn += w[i] * ln;
            sa += w[i] * la;
        }
        final double dbar = (sn - sa) / sw;
        double ss = 0;
        for (int i = 0; i < 4; i++) {
            ss += w[i] * w[i] * (d[i] - dbar) * (d[i] - dbar);
        }
        final LinearTerm t = LinearTerm.compare(new GaussianFamily(), column(net), column(glm), column(y), w);
        assertEquals(sn / sw, t.networkLoss(), 1e-15);
        assertEquals(sa / sw, t.averageLoss(), 1e-15);
        assertEquals(Math.sqrt(ss) / sw, t.standardError(), 1e-15);
        assertTrue(t.networkLoss() > t.averageLoss(), "the GLM is nearer these targets");
        assertTrue(t.added());
        final LinearTerm unweighted = LinearTerm.compare(new GaussianFamily(), column(net), column(glm), column(y), null);
        assertEquals(LinearTerm.compare(new GaussianFamily(), column(net), column(glm), column(y),
                new double[] {1, 1, 1, 1}), unweighted);
    }

    /** The rule's boundary: kept while the network's advantage is within one standard error, left out beyond it. */
    @Test
    void termIsLeftOutOnlyWhenTheNetworkIsBetterByMoreThanOneStandardError() {
        assertTrue(new LinearTerm(0.50, 0.40, 0.05).added(), "the average better");
        assertTrue(new LinearTerm(0.40, 0.44, 0.05).added(), "the network better by less than se");
        assertTrue(new LinearTerm(0.40, 0.45, 0.05).added(), "by exactly se");
        assertFalse(new LinearTerm(0.40, 0.46, 0.05).added(), "by more than se");
        assertFalse(new LinearTerm(0.40, 0.40001, 0).added(), "no spread: any advantage counts");
    }

    @Test
    void onlyASmallGaussianNetworkUnderTheAutomaticOptionsIsACandidate() {
        final int max = AutoRegularisation.MAX_ROWS_LINEAR_TERM;
        assertEquals(100, max);
        for (int rows : new int[] {AutoRegularisation.MIN_ROWS_TO_HOLD_OUT, 51, max - 1}) {
            final AutoRegularisation.Plan p = AutoRegularisation.plan(new GaussianFamily(), false, false, rows, AUTO, AUTO,
                    (int) AUTO);
            assertTrue(p.linearCandidate(), rows + " rows");
            assertFalse(p.linear(), "decided by the held-out rows, not by the plan");
        }
        assertFalse(AutoRegularisation.plan(new GaussianFamily(), false, false, max, AUTO, AUTO, (int) AUTO)
                .linearCandidate());
        assertFalse(AutoRegularisation.plan(new GaussianFamily(), false, false, AutoRegularisation.MIN_ROWS_TO_HOLD_OUT - 1,
                AUTO, AUTO, (int) AUTO).linearCandidate(), "nothing held out");
        assertFalse(AutoRegularisation.plan(new GaussianFamily(), true, false, 50, AUTO, AUTO, (int) AUTO)
                .linearCandidate(), "a GLM");
        assertFalse(AutoRegularisation.plan(new GaussianFamily(), false, true, 50, AUTO, AUTO, (int) AUTO)
                .linearCandidate(), "a stream");
        assertFalse(AutoRegularisation.plan(new GaussianFamily(), false, false, 50, 1, AUTO, (int) AUTO)
                .linearCandidate(), "the user's weight decay");
        assertFalse(AutoRegularisation.plan(new GaussianFamily(), false, false, 50, AUTO, 0.3, (int) AUTO)
                .linearCandidate(), "the user's validation fraction");
        assertFalse(AutoRegularisation.plan(new PoissonFamily(), false, false, 50, AUTO, AUTO, (int) AUTO)
                .linearCandidate());
        assertFalse(AutoRegularisation.plan(new CategoricalFamily(), false, false, 50, AUTO, AUTO, (int) AUTO)
                .linearCandidate());
    }

    /**
     * On 60 rows of a linear function with noise the held-out rows keep the term and the model gets the ridge GLM; on
     * 80 rows of a sine with little noise the network alone is far better and the term is left out.
     */
    @Test
    void theHeldOutRowsKeepTheTermOnLinearDataAndLeaveItOutOnACurve() {
        final AutoRegularisation.Choice linear = choose(60, false);
        final LinearTerm kept = linear.path().linearTerm();
        assertNotNull(kept);
        assertTrue(kept.added(), kept.toString());
        assertNotNull(linear.linear(), "the model's GLM, fitted on all rows");
        assertEquals(AutoRegularisation.LinearOutcome.FITTED, linear.linearOutcome());
        final AutoRegularisation.Choice curve = choose(80, true);
        final LinearTerm left = curve.path().linearTerm();
        assertNotNull(left);
        assertFalse(left.added(), left.toString());
        assertTrue(left.averageLoss() > 2 * left.networkLoss(), left.toString());
        assertNull(curve.linear());
        assertEquals(AutoRegularisation.LinearOutcome.NOT_PLANNED, curve.linearOutcome());
    }

    private static AutoRegularisation.Choice choose(int n, boolean curve) {
        final Random rng = new Random(7);
        final DMatrixRMaj x = new DMatrixRMaj(n, 2), y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            final double a = 4 * rng.nextDouble() - 2, b = 4 * rng.nextDouble() - 2;
            x.set(i, 0, a);
            x.set(i, 1, b);
            y.set(i, 0, curve ? Math.sin(2 * a) + 0.05 * rng.nextGaussian() : 0.3 * a - 0.2 * b + rng.nextGaussian());
        }
        final GaussianFamily fam = new GaussianFamily();
        final AutoRegularisation.Plan plan = AutoRegularisation.plan(fam, false, false, n, AUTO, AUTO, (int) AUTO);
        final LongFunction<Sequential> fresh = seed -> {
            final Sequential net = Sequential.mlp(2, new int[] {16}, Activation.Squareplus::new, 1, new Random(seed));
            NullStart.apply(net, fam, y, null);
            return net;
        };
        return AutoRegularisation.choose(plan, AUTO, false, false, fresh, 1, fam,
                decay -> new LbfgsOptimizer(1e-9, 10, decay), new Trainer(150), x, y, null, null);
    }

    private static DMatrixRMaj column(double[] v) {
        final DMatrixRMaj m = new DMatrixRMaj(v.length, 1);
        System.arraycopy(v, 0, m.data, 0, v.length);
        return m;
    }
}
