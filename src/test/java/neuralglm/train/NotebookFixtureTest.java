package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.family.GaussianFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.fixture.NotebookTable;
import neuralglm.nn.Activation;
import neuralglm.nn.Sequential;
import neuralglm.optim.SgdOptimizer;
import neuralglm.testutil.NotebookFixture;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Test group 1: the notebook's three experiments, from the fixture's data and initial weights,
 * against the float64 PyTorch loss traces (tolerances from the fixture's README).
 */
class NotebookFixtureTest {

    static Family family(String name) {
        switch (name) {
            case "gaussian": return new GaussianFamily();
            case "categorical": return new CategoricalFamily();
            case "poisson": return new PoissonFamily();
            default: throw new IllegalArgumentException(name);
        }
    }

    static Sequential notebookNet(String fam) throws Exception {
        final Sequential net = Sequential.mlp(1, new int[] {30, 20}, Activation.ReLU::new,
                NotebookFixture.outputs(fam), new Random(0));
        NotebookFixture.setParameters(net, NotebookFixture.init(fam));
        return net;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian", "categorical", "poisson"})
    void reproducesPyTorchTrace(String fam) throws Exception {
        final NotebookTable data = NotebookFixture.load();
        final Sequential net = notebookNet(fam);
        final double[] ref = NotebookFixture.trace(fam);
        final TrainingResult r = new Trainer(5000).fit(net, family(fam), new SgdOptimizer(0.2),
                data.inputs(), data.targets(fam), null);
        final double[] trace = r.lossTrace();
        assertEquals(5000, trace.length);

        final int strict = fam.equals("categorical") ? 5000 : 1000;
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < strict; i++) {
            final double rel = Math.abs(trace[i] - ref[i]) / Math.abs(ref[i]);
            if (rel > worst) {
                worst = rel;
                worstAt = i;
            }
        }
        final double finalRel = Math.abs(r.finalLoss() - ref[5000]) / Math.abs(ref[5000]);
        System.out.printf("fixture %-11s: max rel error %.3e (iteration %d) over the first %d; final NLL %.6f vs %.6f (rel %.3e)%n",
                fam, worst, worstAt, strict, r.finalLoss(), ref[5000], finalRel);
        assertTrue(worst <= 1e-9, "trace differs by " + worst + " at iteration " + worstAt);
        if (fam.equals("categorical")) {
            assertTrue(finalRel <= 1e-9, "final NLL differs by " + finalRel);
        } else {
            assertTrue(finalRel <= 0.05, "final NLL differs by " + finalRel);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"categorical"})
    void finalPredictionsMatchPyTorch(String fam) throws Exception {
        final NotebookTable data = NotebookFixture.load();
        final Sequential net = notebookNet(fam);
        new Trainer(5000).fit(net, family(fam), new SgdOptimizer(0.2), data.inputs(), data.targets(fam), null);
        final DMatrixRMaj eta = net.predict(data.inputs());
        final DMatrixRMaj mu = new DMatrixRMaj(eta.numRows, eta.numCols);
        family(fam).mean(eta, mu);
        final double[] ref = NotebookFixture.flatten(NotebookFixture.fin(fam).get("mu_hat"));
        assertEquals(ref.length, mu.getNumElements());
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            worst = Math.max(worst, Math.abs(mu.data[i] - ref[i]));
        }
        assertTrue(worst < 1e-8, "largest |mu - mu_torch| = " + worst);
    }
}
