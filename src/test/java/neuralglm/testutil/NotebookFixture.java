package neuralglm.testutil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import neuralglm.fixture.NotebookTable;
import neuralglm.nn.Sequential;

/**
 * Reads {@code ../shared/fixtures/notebook/}: the float64 PyTorch reference run of the notebook
 * (data, initial and final parameters, loss traces). The data table is {@link NotebookTable}'s, the
 * reader the benchmarks use too.
 */
public final class NotebookFixture {

    /** The fixture folder, beside the project's clone. */
    public static final Path DIR = NotebookTable.DIR;

    /** Families of the fixture, in the notebook's order. */
    public static final List<String> FAMILIES = NotebookTable.FAMILIES;

    private static final ObjectMapper JSON = new ObjectMapper();

    private NotebookFixture() {
    }

    /** @return the fixture's data */
    public static NotebookTable load() throws IOException {
        return NotebookTable.read(DIR.resolve("data.csv"));
    }

    /** @return number of network outputs for the family */
    public static int outputs(String family) {
        return NotebookTable.outputs(family);
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
