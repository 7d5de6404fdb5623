package neuralglm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.family.GaussianFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.fixture.NotebookTable;
import neuralglm.nn.Activation;
import neuralglm.nn.Parameter;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * The notebook workload's data and initial weights: 400 rows, x ~ U(0,1), targets from sin(10x).
 * Read from {@code ../shared/fixtures/notebook} when that folder exists (the fixture's numpy data and
 * PyTorch initial weights); otherwise generated the same way with {@link Random} (seed 0; weights
 * with PyTorch's default init from seed 500), so the bench runs in a fresh clone.
 */
final class NotebookData {
    static final List<String> FAMILIES = NotebookTable.FAMILIES;
    static final Path FIXTURE = NotebookTable.DIR;

    final String source;
    /** the columns (x, y_gaussian, y_class, y_poisson) */
    final NotebookTable table;
    final double[] x;
    final double[] yGaussian;
    final int[] yClass;
    final double[] yPoisson;
    private final Map<String, Map<String, double[]>> init = new LinkedHashMap<>();

    private NotebookData(String source, NotebookTable table) {
        this.source = source;
        this.table = table;
        this.x = table.x();
        this.yGaussian = table.yGaussian();
        this.yClass = table.yClass();
        this.yPoisson = table.yPoisson();
    }

    /** @return the fixture's data when present, else generated data */
    static NotebookData load() throws IOException {
        if (Files.isRegularFile(FIXTURE.resolve("data.csv"))) {
            final NotebookData d = new NotebookData("fixture " + FIXTURE, NotebookTable.read(FIXTURE.resolve("data.csv")));
            for (String fam : FAMILIES) {
                d.init.put(fam, readJsonArrays(Files.readString(FIXTURE.resolve("init_" + fam + ".json"))));
            }
            return d;
        }
        return generate(400);
    }

    static NotebookData generate(int n) {
        final Random rng = new Random(0);
        final double[] x = new double[n], yg = new double[n], yp = new double[n];
        final int[] yc = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble();
            final double s = Math.sin(10 * x[i]);
            yg[i] = s + 0.2 * rng.nextGaussian();
            yc[i] = rng.nextDouble() < 1 / (1 + Math.exp(-3.5 * s)) ? 1 : 0;
            final double lambda = 2 * Math.exp(s), limit = Math.exp(-lambda);
            int k = 0;
            for (double p = rng.nextDouble(); p > limit; p *= rng.nextDouble()) {
                k++;
            }
            yp[i] = k;
        }
        return new NotebookData("generated (java.util.Random seed 0; no ../shared/fixtures)", new NotebookTable(x, yg, yc, yp));
    }

    int rows() {
        return table.rows();
    }

    static int outputs(String fam) {
        return NotebookTable.outputs(fam);
    }

    static Family family(String fam) {
        switch (fam) {
            case "gaussian": return new GaussianFamily();
            case "categorical": return new CategoricalFamily();
            case "poisson": return new PoissonFamily();
            default: throw new IllegalArgumentException("Unknown family " + fam + "; expected one of " + FAMILIES);
        }
    }

    DMatrixRMaj inputs() {
        return table.inputs();
    }

    DMatrixRMaj targets(String fam) {
        return table.targets(fam);
    }

    /** @return the notebook's net 1-30-20-k with the initial weights (fixture's, or seed 500) */
    Sequential net(String fam) {
        final Sequential net = Sequential.mlp(1, new int[] {30, 20}, Activation.ReLU::new, outputs(fam), new Random(500));
        final Map<String, double[]> values = init.get(fam);
        if (values != null) {
            for (Parameter p : net.parameters()) {
                p.set(values.get(p.name()));
            }
        }
        return net;
    }

    /** Parses {@code {"name": [[numbers]], ...}}: each key's numbers in row-major order. */
    static Map<String, double[]> readJsonArrays(String json) {
        final Map<String, double[]> out = new LinkedHashMap<>();
        int i = 0;
        while ((i = json.indexOf('"', i)) >= 0) {
            final int end = json.indexOf('"', i + 1);
            final String key = json.substring(i + 1, end);
            int j = json.indexOf('[', end);
            int depth = 0;
            final List<Double> vals = new ArrayList<>();
            final StringBuilder num = new StringBuilder();
            for (; j < json.length(); j++) {
                final char c = json.charAt(j);
                if (c == '[') {
                    depth++;
                } else if (c == ']' || c == ',') {
                    if (num.length() > 0) {
                        vals.add(Double.parseDouble(num.toString()));
                        num.setLength(0);
                    }
                    if (c == ']' && --depth == 0) {
                        break;
                    }
                } else if (!Character.isWhitespace(c)) {
                    num.append(c);
                }
            }
            final double[] d = new double[vals.size()];
            for (int k = 0; k < d.length; k++) {
                d[k] = vals.get(k);
            }
            out.put(key, d);
            i = j + 1;
        }
        return out;
    }
}
