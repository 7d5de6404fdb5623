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
    static final List<String> FAMILIES = List.of("gaussian", "categorical", "poisson");
    static final Path FIXTURE = Path.of("..", "shared", "fixtures", "notebook");

    final String source;
    final double[] x;
    final double[] yGaussian;
    final int[] yClass;
    final double[] yPoisson;
    private final Map<String, Map<String, double[]>> init = new LinkedHashMap<>();

    private NotebookData(String source, double[] x, double[] yg, int[] yc, double[] yp) {
        this.source = source;
        this.x = x;
        this.yGaussian = yg;
        this.yClass = yc;
        this.yPoisson = yp;
    }

    /** @return the fixture's data when present, else generated data */
    static NotebookData load() throws IOException {
        if (Files.isRegularFile(FIXTURE.resolve("data.csv"))) {
            final List<String> lines = Files.readAllLines(FIXTURE.resolve("data.csv"));
            final int n = lines.size() - 1;
            final double[] x = new double[n], yg = new double[n], yp = new double[n];
            final int[] yc = new int[n];
            for (int i = 0; i < n; i++) {
                final String[] f = lines.get(i + 1).split(",");
                x[i] = Double.parseDouble(f[0]);
                yg[i] = Double.parseDouble(f[1]);
                yc[i] = Integer.parseInt(f[2]);
                yp[i] = Double.parseDouble(f[3]);
            }
            final NotebookData d = new NotebookData("fixture " + FIXTURE, x, yg, yc, yp);
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
        return new NotebookData("generated (java.util.Random seed 0; no ../shared/fixtures)", x, yg, yc, yp);
    }

    int rows() {
        return x.length;
    }

    static int outputs(String fam) {
        return fam.equals("categorical") ? 2 : 1;
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
        return new DMatrixRMaj(x.length, 1, true, x.clone());
    }

    DMatrixRMaj targets(String fam) {
        final int n = x.length;
        switch (fam) {
            case "gaussian": return new DMatrixRMaj(n, 1, true, yGaussian.clone());
            case "poisson": return new DMatrixRMaj(n, 1, true, yPoisson.clone());
            default: {
                final DMatrixRMaj y = new DMatrixRMaj(n, 2);
                for (int i = 0; i < n; i++) {
                    y.set(i, yClass[i], 1.0);
                }
                return y;
            }
        }
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
