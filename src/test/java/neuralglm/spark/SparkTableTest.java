package neuralglm.spark;

import neuralglm.family.Family;
import neuralglm.model.LabelCoding;
import neuralglm.model.TabularEncoder;
import neuralglm.model.TabularModel;
import neuralglm.model.Values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import neuralglm.dist.FittedDispersion;
import neuralglm.family.BernoulliFamily;
import neuralglm.family.CategoricalFamily;
import neuralglm.family.GammaFamily;
import neuralglm.family.Link;
import neuralglm.family.PoissonFamily;
import neuralglm.optim.AdamOptimizer;
import neuralglm.optim.LbfgsOptimizer;
import neuralglm.testutil.ReferenceGlm;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.functions.NeuralGLM;
import weka.classifiers.functions.neuralglm.ImportTabularModel;
import weka.core.Attribute;
import weka.core.Instances;

/**
 * Training from a Spark table with the Weka face's data handling: missing values (weighted mean /
 * mode), nominal features one-hot, weighted standardisation, a string label (Bernoulli: its two sorted
 * classes; Categorical: one-hot) and a weight column. The encoding is checked against one computed
 * here from the raw cells, the fits against the independent IRLS of {@link ReferenceGlm}, and the
 * weight column against repeating rows.
 */
class SparkTableTest {
    private static final int N = 300;
    private static final String[] FEATURES = {"x1", "x2", "colour", "size"};

    private static SparkSession spark;
    private static StructType schema;
    /** Raw cells: x1, x2, colour, size, outcome, grade, count, w. */
    private static List<Object[]> cells;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(2);
        schema = schema();
        cells = cells(N, 2026);
    }

    /** @return the schema of {@link #cells}: x1, x2, colour, size, outcome, grade, count, w */
    static StructType schema() {
        return new StructType()
                .add("x1", DataTypes.DoubleType, true)
                .add("x2", DataTypes.DoubleType, true)
                .add("colour", DataTypes.StringType, true)
                .add("size", DataTypes.StringType, true)
                .add("outcome", DataTypes.StringType, true)
                .add("grade", DataTypes.StringType, true)
                .add("count", DataTypes.IntegerType, true)
                .add("w", DataTypes.IntegerType, true);
    }

    /**
     * @param n    rows
     * @param seed the generator's seed
     * @return rows x1 (10% missing), x2, colour (red/green/blue, 8% missing), size (S/L), outcome (yes/no,
     *         Bernoulli, 5% missing), grade (a/b/c, multinomial), count (Poisson), w (1..3)
     */
    static List<Object[]> cells(int n, long seed) {
        final Random rng = new Random(seed);
        final String[] colours = {"red", "green", "blue"};
        final List<Object[]> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final double x1 = rng.nextGaussian(), x2 = 10 + 5 * rng.nextDouble();
            final int c = rng.nextDouble() < 0.5 ? 0 : rng.nextInt(3);
            final boolean small = rng.nextBoolean();
            final double eta = -0.5 + 0.8 * x1 + 0.1 * (x2 - 12) + (c == 0 ? 0.6 : 0) + (small ? -0.4 : 0);
            final String outcome = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? "yes" : "no";
            final double e1 = 0.7 * x1, e2 = -0.5 * x1 + 0.2 * (x2 - 12);
            final double u = rng.nextDouble() * (1 + Math.exp(e1) + Math.exp(e2));
            final String grade = u < 1 ? "a" : u < 1 + Math.exp(e1) ? "b" : "c";
            int count = 0;
            for (double p = rng.nextDouble(), lim = Math.exp(-Math.exp(0.3 * x1)); p > lim; p *= rng.nextDouble()) {
                count++;
            }
            cells.add(new Object[] {
                rng.nextDouble() < 0.1 ? null : x1,
                x2,
                rng.nextDouble() < 0.08 ? null : colours[c],
                small ? "S" : "L",
                rng.nextDouble() < 0.05 ? null : outcome,
                grade,
                count,
                1 + rng.nextInt(3)});
        }
        return cells;
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** @return the rows as a table, repartitioned into {@code partitions} (0: as created, in order) */
    private static Dataset<Row> table(List<Object[]> rows, int partitions) {
        return table(spark, rows, partitions);
    }

    /** @return rows of {@link #cells} as a table in {@code spark}, repartitioned into {@code partitions} (0: as created) */
    static Dataset<Row> table(SparkSession spark, List<Object[]> rows, int partitions) {
        final List<Row> list = new ArrayList<>();
        for (Object[] r : rows) {
            list.add(RowFactory.create(r));
        }
        final Dataset<Row> t = spark.createDataFrame(list, schema());
        return partitions == 0 ? t : t.repartition(partitions);
    }

    /** Each row repeated w times, with weight 1. */
    private static List<Object[]> repeated() {
        final List<Object[]> out = new ArrayList<>();
        for (Object[] r : cells) {
            for (int c = 0; c < (Integer) r[7]; c++) {
                final Object[] copy = r.clone();
                copy[7] = 1;
                out.add(copy);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ the reference encoding

    /**
     * The Weka face's pipeline written out for these columns: weighted mean / mode imputation,
     * colour one-hot (blue, green, red), size as one column [size = S], weighted standardisation.
     *
     * @param rows the labelled rows
     * @return n x 6
     */
    private static double[][] referenceInputs(List<Object[]> rows) {
        final int n = rows.size();
        double sw = 0, s1 = 0, w1 = 0;
        final TreeMap<String, Double> colourWeight = new TreeMap<>();
        for (Object[] r : rows) {
            final double wi = (Integer) r[7];
            sw += wi;
            if (r[0] != null) {
                s1 += wi * (Double) r[0];
                w1 += wi;
            }
            if (r[2] != null) {
                colourWeight.merge((String) r[2], wi, Double::sum);
            }
        }
        final double fill = s1 / w1;
        final String mode = colourWeight.entrySet().stream().max((a, b) -> Double.compare(a.getValue(), b.getValue()))
                .orElseThrow().getKey();
        final double[][] raw = new double[n][6];
        for (int i = 0; i < n; i++) {
            final Object[] r = rows.get(i);
            final String colour = r[2] == null ? mode : (String) r[2];
            raw[i] = new double[] {r[0] == null ? fill : (Double) r[0], (Double) r[1],
                colour.equals("blue") ? 1 : 0, colour.equals("green") ? 1 : 0, colour.equals("red") ? 1 : 0,
                r[3].equals("S") ? 1 : 0};
        }
        for (int j = 0; j < 6; j++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += (Integer) rows.get(i)[7] * raw[i][j];
            }
            m /= sw;
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += (Integer) rows.get(i)[7] * (raw[i][j] - m) * (raw[i][j] - m);
            }
            final double s = Math.sqrt(v / sw);
            for (int i = 0; i < n; i++) {
                raw[i][j] = (raw[i][j] - m) / s;
            }
        }
        return raw;
    }

    private static List<Object[]> labelled(int labelColumn) {
        final List<Object[]> out = new ArrayList<>();
        for (Object[] r : cells) {
            if (r[labelColumn] != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static Object[][] features(List<Object[]> rows) {
        final Object[][] f = new Object[rows.size()][];
        for (int i = 0; i < f.length; i++) {
            f[i] = new Object[] {rows.get(i)[0], rows.get(i)[1], rows.get(i)[2], rows.get(i)[3]};
        }
        return f;
    }

    private static SparkTrainer glm(Family family, String label) {
        return new SparkTrainer(family).withFeatures(FEATURES).withLabel(label)
                .withOptimizer(new LbfgsOptimizer(1e-10, 10, 0.0)).withEpochs(500);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void missingValuesNominalFeaturesAndWeightsAreEncodedAsTheWekaPipelineDoes() {
        final TabularModel model = glm(new BernoulliFamily(), "outcome").withWeight("w").withEpochs(1).fit(table(cells, 3));
        assertArrayEquals(new String[] {"x1", "x2", "colour=blue", "colour=green", "colour=red", "size=S"},
                model.encoder().inputNames());
        final List<Object[]> rows = labelled(4);
        final double[][] expected = referenceInputs(rows);
        final DMatrixRMaj x = model.encode(features(rows));
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(expected[i][j], x.get(i, j), 1e-12, "row " + i + ", column " + j);
            }
        }
        assertArrayEquals(new String[] {"no", "yes"}, model.label().classes());
    }

    /** Early stopping on a table: a seeded split of its rows is held out, and the result says how training ended. */
    @Test
    void aTableCanHoldOutRowsForEarlyStopping() {
        final TabularModel model = glm(new BernoulliFamily(), "outcome").withWeight("w")
                .withOptimizer(new AdamOptimizer(0.05)).withEpochs(40).withValidation(0.3, 2).fit(table(cells, 3));
        final neuralglm.train.TrainingResult r = model.result();
        assertEquals(r.epochs(), r.validationTrace().length, r.toString());
        assertTrue(r.epochs() == 40 || r.stopReason() == neuralglm.train.StopReason.NO_IMPROVEMENT, r.toString());
        assertTrue(model.settings().contains("validation=0.3, patience=2"), model.settings());
    }

    @Test
    void bernoulliGlmOnAStringLabelWithWeightsMatchesIrlsAndRepeatedRows() {
        final TabularModel weighted = glm(new BernoulliFamily(), "outcome").withWeight("w").fit(table(cells, 4));
        assertTrue(weighted.result().converged(), weighted.toString());
        final List<Object[]> rows = labelled(4);
        final double[] y = new double[rows.size()], w = new double[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = "yes".equals(rows.get(i)[4]) ? 1 : 0;
            w[i] = (Integer) rows.get(i)[7];
        }
        // colour's three one-hot columns and the intercept are collinear, as after Weka's NominalToBinary:
        // the coefficients are not unique, the fitted means are. IRLS gets a full-rank design (no colour=blue).
        final double[][] z = referenceInputs(rows), zFull = withoutColumn(z, 2);
        final double[] irls = ReferenceGlm.irls(ReferenceGlm.binomial(), zFull, y, w).coefficients();
        final DMatrixRMaj mu = weighted.mean(features(rows));
        for (int i = 0; i < rows.size(); i++) {
            double eta = irls[0];
            for (int j = 0; j < zFull[i].length; j++) {
                eta += irls[j + 1] * zFull[i][j];
            }
            assertEquals(1 / (1 + Math.exp(-eta)), mu.get(i, 0), 1e-8, "P(yes) of row " + i + " vs IRLS");
        }
        // weight w is the same as w copies of the row (imputation and standardisation included)
        final TabularModel copies = glm(new BernoulliFamily(), "outcome").fit(table(repeated(), 2));
        assertArrayEquals(weighted.encode(features(rows)).data, copies.encode(features(rows)).data, 1e-12);
        assertArrayEquals(mu.data, copies.mean(features(rows)).data, 1e-8, "weights vs repeated rows");
    }

    private static double[][] withoutColumn(double[][] z, int drop) {
        final double[][] out = new double[z.length][z[0].length - 1];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0, t = 0; j < z[i].length; j++) {
                if (j != drop) {
                    out[i][t++] = z[i][j];
                }
            }
        }
        return out;
    }

    @Test
    void categoricalGlmOnAStringLabelMatchesMultinomialIrls() {
        final TabularModel model = glm(new CategoricalFamily(), "grade").withWeight("w").fit(table(cells, 4));
        assertArrayEquals(new String[] {"a", "b", "c"}, model.label().classes());
        final int[] cls = new int[N];
        final double[] w = new double[N];
        for (int i = 0; i < N; i++) {
            cls[i] = ((String) cells.get(i)[5]).charAt(0) - 'a';
            w[i] = (Integer) cells.get(i)[7];
        }
        final double[][] z = withoutColumn(referenceInputs(cells), 2);
        final double[][] beta = ReferenceGlm.multinomial(z, cls, 3, w).beta();
        final DMatrixRMaj mu = model.mean(features(cells));
        for (int i = 0; i < N; i++) {
            final double[] eta = new double[3];
            for (int c = 1; c < 3; c++) {
                eta[c] = beta[c - 1][0];
                for (int j = 0; j < z[i].length; j++) {
                    eta[c] += beta[c - 1][j + 1] * z[i][j];
                }
            }
            final double norm = Math.exp(eta[0]) + Math.exp(eta[1]) + Math.exp(eta[2]);
            for (int c = 0; c < 3; c++) {
                assertEquals(Math.exp(eta[c]) / norm, mu.get(i, c), 1e-7, "P(class " + c + ") of row " + i);
            }
        }
        // scored in the cluster: the same numbers, one column per class
        final List<Row> scored = SparkPredict.withMeans(table(cells, 0), model, "p").collectAsList();
        assertEquals(N, scored.size());
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(mu.get(i, c), scored.get(i).getDouble(scored.get(i).fieldIndex("p_" + "abc".charAt(c))),
                        "in-Spark P(class " + c + ") of row " + i);
            }
        }
    }

    @Test
    void aClassWhoseRowsAllHaveWeightZeroIsPredictedWithTheFloor() {
        // grade c's rows get weight 0: c is absent, p0 = 1/2 / (n_w + 3/2), a and b keep the network's ratios
        final List<Object[]> rows = new ArrayList<>();
        double nw = 0;
        for (Object[] r : cells) {
            final Object[] c = r.clone();
            if ("c".equals(c[5])) {
                c[7] = 0;
            }
            nw += (Integer) c[7];
            rows.add(c);
        }
        final TabularModel model = glm(new CategoricalFamily(), "grade").withWeight("w").withEpochs(3).fit(table(rows, 2));
        assertArrayEquals(new int[] {2}, model.absentClasses().classes());
        assertEquals(nw, model.absentClasses().totalWeight());
        final DMatrixRMaj mu = model.mean(features(rows));
        final List<Row> scored = SparkPredict.withMeans(table(rows, 0), model, "p").collectAsList();
        for (int i = 0; i < 20; i++) {
            assertEquals(0.5 / (nw + 1.5), mu.get(i, 2), 1e-17);
            assertEquals(1.0, mu.get(i, 0) + mu.get(i, 1) + mu.get(i, 2), 1e-15);
            assertEquals(mu.get(i, 2), scored.get(i).getDouble(scored.get(i).fieldIndex("p_c")), "in-Spark P(c) of row " + i);
        }
        // with every class present the model still keeps n_w (the floor of a class value a Weka header adds)
        double all = 0;
        for (Object[] r : cells) {
            all += (Integer) r[7];
        }
        assertEquals(all, glm(new CategoricalFamily(), "grade").withWeight("w").withEpochs(1).fit(table(cells, 2))
                .trainingWeight());
    }

    @Test
    void theSavedModelPredictsTheSameInAJvmWithoutSpark(@TempDir Path dir) throws Exception {
        final TabularModel model = new SparkTrainer(new PoissonFamily()).withFeatures(FEATURES).withLabel("count")
                .withHidden(3).withActivation("Tanh").withOptimizer(new AdamOptimizer(0.05)).withEpochs(5)
                .withBatchSize(50).fit(table(cells, 2));
        final TabularModel back = neuralglm.model.ModelFile.fromBytes(
                neuralglm.model.ModelFile.toJson(model).getBytes(StandardCharsets.UTF_8), "test");
        final Object[][] f = features(cells);
        assertArrayEquals(model.mean(f).data, back.mean(f).data);
        assertEquals(model.result(), back.result());
        // a model file through the Hadoop FileSystem API, and the cells to score, read by a fresh JVM with no Spark
        final Path file = dir.resolve("model.json"), cellsFile = dir.resolve("cells.bin");
        ModelStore.save(model, file.toUri().toString(), spark.sparkContext().hadoopConfiguration(), false);
        assertThrows(IllegalArgumentException.class,
                () -> ModelStore.save(model, file.toString(), spark.sparkContext().hadoopConfiguration(), false));
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(cellsFile))) {
            out.writeObject(f);
        }
        final List<String> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.endsWith("classes") || entry.contains("ejml")) {
                classpath.add(entry);
            }
        }
        final Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(java.io.File.pathSeparator, classpath), PredictWithoutSpark.class.getName(), file.toString(), cellsFile.toString())
                .redirectErrorStream(true).start();
        final List<String> lines = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, child.waitFor(), String.join("\n", lines));
        assertEquals("spark absent", lines.get(0));
        final double[] expected = model.mean(f).data;
        assertEquals(expected.length + 1, lines.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], Double.parseDouble(lines.get(i + 1)), "row " + i);
        }
        // and the scores Spark computes in the cluster are the same numbers
        final List<Row> scored = SparkPredict.withMeans(table(cells, 0), model, "mu").collectAsList();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], scored.get(i).getDouble(scored.get(i).fieldIndex("mu")), "in-Spark row " + i);
        }
        // the scoring main's work: model file + Parquet table in, Parquet table with the prediction column out
        final String input = dir.resolve("in.parquet").toString(), output = dir.resolve("out.parquet").toString();
        table(cells, 0).write().parquet(input);
        SparkPredict.score(spark, file.toString(), input, output, "mu", false);
        final List<Row> written = spark.read().parquet(output).collectAsList();
        assertEquals(N, written.size());
        final TreeMap<Double, Double> byX1 = new TreeMap<>();
        for (int i = 0; i < N; i++) {
            if (cells.get(i)[0] != null) {
                byX1.put((Double) cells.get(i)[0], expected[i]);
            }
        }
        int checked = 0;
        for (Row r : written) {
            if (!r.isNullAt(0)) {
                assertEquals(byX1.get(r.getDouble(0)), r.getDouble(r.fieldIndex("mu")), "written row x1 = " + r.getDouble(0));
                checked++;
            }
        }
        assertEquals(byX1.size(), checked);
        final IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> SparkPredict.score(spark, input, input, dir.resolve("x.parquet").toString(), "mu", false));
        assertTrue(foreign.getMessage().contains("not a neuralGLM model"), foreign.getMessage());
        for (Class<?> c : new Class<?>[] {TabularModel.class, TabularEncoder.class, LabelCoding.class, Values.class}) {
            assertFalse(references(c, "org/apache/spark"), c + " must load without Spark");
        }
        assertTrue(references(DistributedData.class, "org/apache/spark"), "the scan can see a Spark reference");
    }

    /** @return whether the class file's constant pool mentions {@code prefix} */
    private static boolean references(Class<?> c, String prefix) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(prefix);
        }
    }

    /** The in-Spark scores (SparkPredict) of every row of {@link #cells}: column {@code prefix[_class]}. */
    private static double[][] scored(TabularModel model, String... columns) {
        final List<Row> rows = SparkPredict.withMeans(table(cells, 0), model, "mu").collectAsList();
        final double[][] mu = new double[rows.size()][columns.length];
        for (int i = 0; i < mu.length; i++) {
            for (int c = 0; c < columns.length; c++) {
                mu[i][c] = rows.get(i).getDouble(rows.get(i).fieldIndex(columns[c]));
            }
        }
        return mu;
    }

    @Test
    void theModelImportedIntoWekaPredictsAsInSpark() throws Exception {
        // a network on a string label (Bernoulli, event "yes"), weights, nominal features and missing values
        final TabularModel bernoulli = new SparkTrainer(new BernoulliFamily()).withFeatures(FEATURES).withLabel("outcome")
                .withWeight("w").withHidden(4).withActivation("Tanh").withOptimizer(new LbfgsOptimizer(1e-10, 10, 0.0))
                .withEpochs(8).fit(table(cells, 2));
        final double[][] inSpark = scored(bernoulli, "mu");
        // (1) the header derived from the model: x1, x2, colour {blue, green, red}, size {L, S}, outcome {no, yes}
        final NeuralGLM derived = ImportTabularModel.toNeuralGLM(bernoulli, null);
        final Instances h = derived.fittedModel().header();
        assertEquals("[blue, green, red]", java.util.Collections.list(h.attribute("colour").enumerateValues()).toString());
        assertEquals("outcome", h.classAttribute().name());
        final Instances rows = WekaRows.of(h, schema, cells);
        for (int i = 0; i < N; i++) {
            final double[] p = derived.distributionForInstance(rows.instance(i));
            assertEquals(inSpark[i][0], p[1], 1e-12, "P(yes) of row " + i);
            assertEquals(1 - inSpark[i][0], p[0], 1e-12);
        }
        // (2) the user's header: other attribute order, an extra attribute, nominal values in other orders, a
        // value never seen in training (counts as missing), class values reversed
        final ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("size", List.of("S", "L")),
                new Attribute("note"), new Attribute("colour", List.of("red", "purple", "green", "blue")),
                new Attribute("x2"), new Attribute("outcome", List.of("yes", "no")), new Attribute("x1")));
        final Instances user = new Instances("claims", atts, 0);
        user.setClassIndex(4);
        final NeuralGLM mapped = ImportTabularModel.toNeuralGLM(bernoulli, user);
        final Instances userRows = WekaRows.of(user, schema, cells);
        for (int i = 0; i < N; i++) {
            final double[] p = mapped.distributionForInstance(userRows.instance(i));
            assertEquals(inSpark[i][0], p[0], 1e-12, "P(yes) of row " + i + " in the user's header");
        }
        final weka.core.Instance purple = userRows.instance(0), missing = (weka.core.Instance) purple.copy();
        purple.setValue(user.attribute("colour"), "purple");
        missing.setMissing(user.attribute("colour"));
        assertArrayEquals(mapped.distributionForInstance(missing), mapped.distributionForInstance(purple));
        final String report = mapped.toString();
        assertTrue(report.contains("Apache Spark") && report.contains("Bernoulli") && report.contains("Loss trace")
                && report.contains("-> 4 Tanh ->"), report);
        assertEquals("4", mapped.getHidden());
        final Instances noX1 = new Instances(user, 0);
        noX1.deleteAttributeAt(5);
        final IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> ImportTabularModel.toNeuralGLM(bernoulli, noX1));
        assertTrue(absent.getMessage().contains("'x1'"), absent.getMessage());

        // a Categorical GLM (three classes; the report's coefficient table) and a Poisson network (numeric class)
        final TabularModel categorical = glm(new CategoricalFamily(), "grade").withWeight("w").withEpochs(10).fit(table(cells, 3));
        final double[][] probabilities = scored(categorical, "mu_a", "mu_b", "mu_c");
        final NeuralGLM softmax = ImportTabularModel.toNeuralGLM(categorical, null);
        final Instances gradeRows = WekaRows.of(softmax.fittedModel().header(), schema, cells);
        for (int i = 0; i < N; i++) {
            assertArrayEquals(probabilities[i], softmax.distributionForInstance(gradeRows.instance(i)), 1e-12, "row " + i);
        }
        assertTrue(softmax.toString().contains("Coefficients in the original attribute units"), softmax.toString());
        final TabularModel poisson = new SparkTrainer(new PoissonFamily()).withFeatures(FEATURES).withLabel("count")
                .withHidden(3).withActivation("ReLU").withOptimizer(new AdamOptimizer(0.05)).withEpochs(3)
                .withBatchSize(100).fit(table(cells, 2));
        final double[][] means = scored(poisson, "mu");
        final NeuralGLM counts = ImportTabularModel.toNeuralGLM(poisson, null);
        final Instances countRows = WekaRows.of(counts.fittedModel().header(), schema, cells);
        for (int i = 0; i < N; i++) {
            assertEquals(means[i][0], counts.classifyInstance(countRows.instance(i)), 1e-12 * means[i][0], "row " + i);
            final double[] interval = counts.predictIntervals(countRows.instance(i), 0.9)[0];
            assertTrue(interval[0] <= means[i][0] && means[i][0] <= interval[1], "Poisson interval, dispersion 1");
        }
    }

    /**
     * A Gamma GLM trained on Spark (label x2 &gt; 0, weights) keeps its dispersion sums: imported into Weka,
     * its 90% interval and log density at each row are those of the single-machine Pearson FittedDispersion
     * on the same network, rows and weights; -dispersion Deviance gives the single-machine deviance estimate.
     */
    @Test
    void anImportedGammaModelHasTheSingleMachineDispersionAndIntervals() throws Exception {
        final GammaFamily gamma = new GammaFamily(Link.LOG);
        final TabularModel model = new SparkTrainer(gamma).withFeatures("x1", "colour", "size").withLabel("x2")
                .withWeight("w").withOptimizer(new LbfgsOptimizer(1e-10, 10, 0.0)).withEpochs(30).fit(table(cells, 2));
        final Object[][] features = new Object[N][];
        final DMatrixRMaj y = new DMatrixRMaj(N, 1);
        final double[] w = new double[N];
        for (int i = 0; i < N; i++) {
            final Object[] r = cells.get(i);
            features[i] = new Object[] {r[0], r[2], r[3]};
            y.data[i] = (Double) r[1];
            w[i] = (Integer) r[7];
        }
        final int p = model.network().numParameters();
        final DMatrixRMaj eta = model.eta(features);
        final FittedDispersion pearson = FittedDispersion.fit(FittedDispersion.Estimate.PEARSON, gamma, eta, y, w, p);
        final FittedDispersion deviance = FittedDispersion.fit(FittedDispersion.Estimate.DEVIANCE, gamma, eta, y, w, p);
        final NeuralGLM imported = ImportTabularModel.toNeuralGLM(model, null);
        assertEquals(pearson.phi(), imported.fittedModel().dispersion().phi(), 1e-10 * pearson.phi());
        assertEquals(deviance.phi(), ImportTabularModel.toNeuralGLM(model, null, FittedDispersion.Estimate.DEVIANCE)
                .fittedModel().dispersion().phi(), 1e-10 * deviance.phi());
        System.out.printf(java.util.Locale.ROOT, "imported Gamma phi: Pearson %.17g (single %.17g), deviance %.17g%n",
                imported.fittedModel().dispersion().phi(), pearson.phi(), deviance.phi());
        final Instances rows = WekaRows.of(imported.fittedModel().header(), schema, cells);
        for (int i = 0; i < N; i++) {
            final double mu = imported.classifyInstance(rows.instance(i));
            final double[] interval = imported.predictIntervals(rows.instance(i), 0.9)[0];
            final double[] expected = pearson.at(mu, 1.0).interval(0.9);
            assertTrue(Double.isFinite(interval[0]) && interval[0] < mu && mu < interval[1], "row " + i);
            assertArrayEquals(expected, interval, 1e-9 * expected[1], "90% interval of row " + i);
            assertEquals(pearson.at(mu, 1.0).logDensity(y.data[i]), imported.logDensity(rows.instance(i), y.data[i]),
                    1e-9, "log density of row " + i);
        }
    }

    @Test
    void csvAndParquetFilesTrainLikeTheTable(@TempDir Path dir) {
        final Dataset<Row> t = table(cells, 2);
        final String csv = dir.resolve("train.csv").toString(), parquet = dir.resolve("train.parquet").toString();
        t.coalesce(1).write().option("header", "true").csv(csv + ".d");
        t.write().parquet(parquet);
        final Object[][] f = features(cells);
        final double[] expected = glm(new PoissonFamily(), "count").withWeight("w").fit(t).mean(f).data;
        final double[] fromParquet = glm(new PoissonFamily(), "count").withWeight("w").fit(Tables.read(spark, parquet)).mean(f).data;
        assertArrayEquals(expected, fromParquet, 1e-9);
        // Spark writes a CSV directory; read its one part file by name
        final Path part;
        try (var files = Files.list(Path.of(csv + ".d"))) {
            part = files.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        final double[] fromCsv = glm(new PoissonFamily(), "count").withWeight("w").fit(Tables.read(spark, part.toString())).mean(f).data;
        assertArrayEquals(expected, fromCsv, 1e-9);
    }

    @Test
    void badDataIsNamed() {
        final List<Object[]> negative = new ArrayList<>(cells);
        final Object[] bad = cells.get(17).clone();
        bad[6] = -2;
        negative.set(17, bad);
        final IllegalArgumentException domain = assertThrows(IllegalArgumentException.class,
                () -> glm(new PoissonFamily(), "count").fit(table(negative, 2)));
        assertTrue(domain.getMessage().contains("Poisson") && domain.getMessage().contains("-2"), domain.getMessage());

        final List<Object[]> weights = new ArrayList<>(cells);
        final Object[] badWeight = cells.get(5).clone();
        badWeight[7] = -1;
        weights.set(5, badWeight);
        final IllegalArgumentException weight = assertThrows(IllegalArgumentException.class,
                () -> glm(new PoissonFamily(), "count").withWeight("w").fit(table(weights, 2)));
        assertTrue(weight.getMessage().contains("'w'") && weight.getMessage().contains("-1"), weight.getMessage());

        final IllegalArgumentException nominal = assertThrows(IllegalArgumentException.class,
                () -> glm(new PoissonFamily(), "grade").fit(table(cells, 2)));
        assertTrue(nominal.getMessage().contains("Categorical"), nominal.getMessage());

        final IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> glm(new PoissonFamily(), "nope").fit(table(cells, 2)));
        assertTrue(absent.getMessage().contains("'nope'"), absent.getMessage());
    }
}
