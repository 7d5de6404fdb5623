package neuralglm.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import neuralglm.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads {@code ../shared/fixtures/notebook/}: the float64 PyTorch reference run of the notebook
 * (data, initial and final parameters, loss traces).
 */
public final class NotebookFixture {

    /** The fixture folder, beside the project's clone. */
    public static final Path DIR = Path.of("..", "shared", "fixtures", "notebook");

    /** Families of the fixture, in the notebook's order. */
    public static final List<String> FAMILIES = List.of("gaussian", "categorical", "poisson");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** x, y_gaussian, y_class, y_poisson columns of data.csv. */
    public final double[] x;
    public final double[] yGaussian;
    public final int[] yClass;
    public final double[] yPoisson;

    private NotebookFixture(double[] x, double[] yg, int[] yc, double[] yp) {
        this.x = x;
        this.yGaussian = yg;
        this.yClass = yc;
        this.yPoisson = yp;
    }

    /** @return the fixture's data */
    public static NotebookFixture load() throws IOException {
        final List<String> lines = Files.readAllLines(DIR.resolve("data.csv"));
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
        return new NotebookFixture(x, yg, yc, yp);
    }

    /** @return the inputs as an n x 1 matrix */
    public DMatrixRMaj inputs() {
        return new DMatrixRMaj(x.length, 1, true, x);
    }

    /**
     * @param family gaussian, categorical or poisson
     * @return the targets: n x 1, or n x 2 one-hot for categorical
     */
    public DMatrixRMaj targets(String family) {
        final int n = x.length;
        switch (family) {
            case "gaussian": return new DMatrixRMaj(n, 1, true, yGaussian);
            case "poisson": return new DMatrixRMaj(n, 1, true, yPoisson);
            case "categorical": {
                final DMatrixRMaj y = new DMatrixRMaj(n, 2);
                for (int i = 0; i < n; i++) {
                    y.set(i, yClass[i], 1.0);
                }
                return y;
            }
            default: throw new IllegalArgumentException(family);
        }
    }

    /** @return number of network outputs for the family */
    public static int outputs(String family) {
        return family.equals("categorical") ? 2 : 1;
    }

    /**
     * @param family gaussian, categorical or poisson
     * @return the trace column {@code mean_nll}, index = iteration (0..5000)
     */
    public static double[] trace(String family) throws IOException {
        final List<String> lines = Files.readAllLines(DIR.resolve("trace_" + family + ".csv"));
        final double[] t = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            t[i - 1] = Double.parseDouble(lines.get(i).split(",")[1]);
        }
        return t;
    }

    /**
     * Copies PyTorch parameters (name to nested lists) into the network's parameters of the same names.
     *
     * @param net    a network with parameters fc1.weight ... fc3.bias
     * @param params a JSON object of parameter name to nested arrays
     */
    public static void setParameters(Sequential net, JsonNode params) {
        for (Map.Entry<String, JsonNode> e : params.properties()) {
            net.parameter(e.getKey()).set(flatten(e.getValue()));
        }
    }

    /** @return the parsed {@code init_<family>.json} */
    public static JsonNode init(String family) throws IOException {
        return JSON.readTree(DIR.resolve("init_" + family + ".json").toFile());
    }

    /** @return the parsed {@code final_<family>.json} */
    public static JsonNode fin(String family) throws IOException {
        return JSON.readTree(DIR.resolve("final_" + family + ".json").toFile());
    }

    /**
     * @param node a number or nested arrays of numbers
     * @return the numbers in row-major order
     */
    public static double[] flatten(JsonNode node) {
        final java.util.ArrayList<Double> out = new java.util.ArrayList<>();
        flatten(node, out);
        final double[] d = new double[out.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = out.get(i);
        }
        return d;
    }

    private static void flatten(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            for (JsonNode c : node) {
                flatten(c, out);
            }
        } else {
            out.add(node.asDouble());
        }
    }
}
