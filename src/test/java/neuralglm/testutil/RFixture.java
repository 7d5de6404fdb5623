package neuralglm.testutil;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A GLM fitted by R, read from {@code src/test/resources/glmref} (written by {@code make_fixtures.R}):
 * the design R used ({@code NAME.design.csv}: model matrix with the intercept first, then {@code .y} and
 * {@code .w}), summary.glm's table ({@code NAME.coef.csv}; NaN where R prints NA) and the statistics
 * ({@code NAME.stats.csv}).
 */
public record RFixture(String name, String[] columns, double[][] x, double[] y, double[] w, String[] terms,
                       double[][] table, Map<String, Double> stats) {

    /** Columns of {@link #table}. */
    public static final int ESTIMATE = 0, SE = 1, STAT = 2, P = 3, LOWER = 4, UPPER = 5;

    /**
     * @param name the fit's name, e.g. {@code "dobson"}
     * @return the fixture
     */
    public static RFixture load(String name) {
        final List<String[]> design = csv(name + ".design.csv"), coef = csv(name + ".coef.csv"), st = csv(name + ".stats.csv");
        final String[] head = design.get(0);
        // intercept, d columns, .y, .w (and .offset in make_offset_fixtures.R's designs)
        final int n = design.size() - 1, d = head.length - (head[head.length - 1].equals(".offset") ? 4 : 3);
        final double[][] x = new double[n][d];
        final double[] y = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            final String[] r = design.get(i + 1);
            for (int j = 0; j < d; j++) {
                x[i][j] = num(r[j + 1]);
            }
            y[i] = num(r[d + 1]);
            w[i] = num(r[d + 2]);
        }
        final String[] cols = java.util.Arrays.copyOfRange(head, 1, d + 1);
        final String[] terms = new String[coef.size() - 1];
        final double[][] table = new double[terms.length][6];
        for (int i = 0; i < terms.length; i++) {
            final String[] r = coef.get(i + 1);
            terms[i] = r[0];
            for (int c = 0; c < 6; c++) {
                table[i][c] = num(r[c + 1]);
            }
        }
        final Map<String, Double> stats = new HashMap<>();
        for (int i = 1; i < st.size(); i++) {
            stats.put(st.get(i)[0], num(st.get(i)[1]));
        }
        return new RFixture(name, cols, x, y, w, terms, table, stats);
    }

    /**
     * @param key a key of {@code NAME.stats.csv}, e.g. {@code "aic"}
     * @return its value
     */
    public double stat(String key) {
        final Double v = stats.get(key);
        if (v == null) {
            throw new IllegalArgumentException(name + ": no statistic " + key);
        }
        return v;
    }

    /**
     * @param name a fit of {@code make_offset_fixtures.R}
     * @return the offset R fitted with, per row of the design ({@code .offset})
     */
    public static double[] offsets(String name) {
        final List<String[]> design = csv(name + ".design.csv");
        final String[] head = design.get(0);
        if (!head[head.length - 1].equals(".offset")) {
            throw new IllegalArgumentException(name + ": the design has no .offset column");
        }
        final double[] o = new double[design.size() - 1];
        for (int i = 0; i < o.length; i++) {
            o[i] = num(design.get(i + 1)[head.length - 1]);
        }
        return o;
    }

    /**
     * R's joint Wald tests of a fit's terms ({@code NAME.wald.csv}, made by {@code make_fixtures.R}'s {@code wald}).
     *
     * @param name the fit's name
     * @return per term: {@code term}, and the numbers df, chi-square W, its p, F = W / df, its p
     */
    public static List<Object[]> wald(String name) {
        final List<String[]> rows = csv(name + ".wald.csv");
        final List<Object[]> out = new ArrayList<>();
        for (String[] r : rows.subList(1, rows.size())) {
            out.add(new Object[] {r[0], num(r[1]), num(r[2]), num(r[3]), num(r[4]), num(r[5])});
        }
        return out;
    }

    /**
     * @param file a CSV of {@code /glmref/}, e.g. {@code "mtcars_prior.predict.csv"}
     * @return its rows, the header first, quotes removed
     */
    public static List<String[]> rows(String file) {
        return csv(file);
    }

    /**
     * @param name an ARFF of {@code /glmref/} without its extension, e.g. {@code "dobson"}
     * @return its instances, the class the last attribute (the data R fitted, for the Weka face's tests)
     */
    public static weka.core.Instances arff(String name) {
        try (InputStream in = RFixture.class.getResourceAsStream("/glmref/" + name + ".arff")) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /glmref/" + name + ".arff");
            }
            final weka.core.Instances data = new weka.core.Instances(
                    new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            data.setClassIndex(data.numAttributes() - 1);
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double num(String s) {
        return s.equals("NA") ? Double.NaN : s.equals("Inf") ? Double.POSITIVE_INFINITY
                : s.equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(s);
    }

    /** @return the rows of a resource CSV, quotes removed (no field holds a comma) */
    private static List<String[]> csv(String file) {
        try (InputStream in = RFixture.class.getResourceAsStream("/glmref/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /glmref/" + file);
            }
            final List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    rows.add(line.replace("\"", "").trim().split(","));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
