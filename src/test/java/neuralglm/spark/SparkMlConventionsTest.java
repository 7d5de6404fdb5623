package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import neuralglm.spark.ml.NeuralGLMEstimator;
import neuralglm.spark.ml.NeuralGLMModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link NeuralGLMEstimator} and {@link NeuralGLMModel} against Spark ML's conventions, as its own estimators
 * (GeneralizedLinearRegression, LogisticRegression) follow them: params validated when set, explainParams,
 * copy, schema errors before any Spark job, a Categorical probability vector indexed by the label value (what
 * MulticlassClassificationEvaluator's logLoss reads), a Bernoulli prediction ranked by BinaryClassificationEvaluator.
 */
class SparkMlConventionsTest {
    private static final int N = 120;
    private static SparkSession spark;
    private static Dataset<Row> data;

    private static final java.util.concurrent.atomic.AtomicInteger FAILED_TASKS = new java.util.concurrent.atomic.AtomicInteger();

    /** @return the failed task attempts so far, once the listener has seen every event */
    private static int failedTasks() throws java.util.concurrent.TimeoutException {
        spark.sparkContext().listenerBus().waitUntilEmpty();
        return FAILED_TASKS.get();
    }

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(2);
        spark.sparkContext().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) {
                    FAILED_TASKS.incrementAndGet();
                }
            }
        });
        final Random rng = new Random(5);
        final List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            final double x = rng.nextGaussian();
            final double y = rng.nextDouble() < 1 / (1 + Math.exp(-2 * x)) ? 1 : 0;
            // cls: 1..11 (no 0; as text "10" and "11" sort before "2"); name: a string class
            rows.add(RowFactory.create(x, y, (double) (1 + i % 11), "c" + (i % 3)));
        }
        final StructType schema = new StructType().add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType)
                .add("cls", DataTypes.DoubleType).add("name", DataTypes.StringType);
        data = new VectorAssembler().setInputCols(new String[] {"x"}).setOutputCol("features")
                .transform(spark.createDataFrame(rows, schema).repartition(2)).cache();
    }

    private static void assertRefused(String param, String value, Runnable set) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, set::run, param + " = " + value);
        assertTrue(e.getMessage().contains("parameter " + param + " given invalid value " + value), e.getMessage());
    }

    @Test
    void invalidParamValuesAreRefusedWhenSetAsSparkParamValidatorsDo() {
        final NeuralGLMEstimator e = new NeuralGLMEstimator();
        assertRefused("learningRate", "-1.0", () -> e.setLearningRate(-1));
        assertRefused("learningRate", "NaN", () -> e.setLearningRate(Double.NaN));
        assertRefused("family", "Gausian", () -> e.setFamily("Gausian"));
        assertRefused("optimizer", "rmsprop", () -> e.setOptimizer("rmsprop"));
        assertRefused("activation", "relu6", () -> e.setActivation("relu6"));
        assertRefused("epochs", "0", () -> e.setEpochs(0));
        assertRefused("batchSize", "-1", () -> e.setBatchSize(-1));
        assertRefused("hiddenLayers", "[4,0]", () -> e.setHiddenLayers(4, 0));
        // a ParamGridBuilder grid (what CrossValidator copies the estimator with) is checked as it is built
        assertRefused("learningRate", "0.0", () -> new ParamGridBuilder().addGrid(e.learningRate(), new double[] {0.1, 0.0}).build());
        // the registries' names match ignoring case, so these stay valid
        e.setFamily("poisson").setOptimizer("LBFGS").setActivation("tanh").setHiddenLayers(3).setBatchSize(0).setEpochs(1);
        assertEquals("poisson", e.getOrDefault(e.family()));
        // unchanged by the refusals
        assertEquals(1e-3, (double) e.getOrDefault(e.learningRate()));
    }

    @Test
    void explainParamsListsEveryParamWithItsDocAndDefaultAndCopyKeepsParams() {
        final NeuralGLMEstimator e = new NeuralGLMEstimator().setHiddenLayers(4, 2).setLearningRate(0.05);
        final String text = e.explainParams();
        final List<String> lines = Arrays.asList(text.split("\n"));
        assertEquals(e.params().length, lines.size(), text);
        for (Param<?> p : e.params()) {
            final String line = lines.stream().filter(l -> l.startsWith(p.name() + ": ")).findFirst().orElseThrow();
            assertTrue(line.contains(p.doc()), line);
            // weightCol and offsetCol are unset by default, as GeneralizedLinearRegression's
            assertTrue(p.name().equals("weightCol") || p.name().equals("offsetCol") ? line.endsWith("(undefined)")
                    : line.contains("(default: "), line);
        }
        assertTrue(text.contains("hiddenLayers: hidden layer sizes (each >= 1); empty for a GLM (default: [], current: [4, 2])"), text);
        assertTrue(text.contains("learningRate: ") && text.contains("(default: 0.001, current: 0.05)"), text);

        final NeuralGLMEstimator copy = e.copy(new ParamMap().put(e.epochs(), 7));
        assertEquals(e.uid(), copy.uid());
        assertArrayEquals(new int[] {4, 2}, copy.getOrDefault(copy.hiddenLayers()));
        assertEquals(0.05, (double) copy.getOrDefault(copy.learningRate()));
        assertEquals(7, (int) copy.getOrDefault(copy.epochs()));
        assertEquals(100, (int) e.getOrDefault(e.epochs()), "the original keeps its value");
    }

    /** Runs {@code call}, which must fail with a message containing {@code expected}, and no Spark job. */
    private static void assertRefusedWithoutAJob(String expected, Supplier<?> call) {
        final String group = "refused-" + System.nanoTime();
        spark.sparkContext().setJobGroup(group, "must not run", false);
        try {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::get);
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        } finally {
            spark.sparkContext().clearJobGroup();
        }
        assertEquals(0, spark.sparkContext().statusTracker().getJobIdsForGroup(group).length, "jobs run before the refusal");
    }

    @Test
    void schemaErrorsNameTheColumnAndTheExpectedTypeBeforeAnySparkJob() {
        assertRefusedWithoutAJob("The features column 'x' has type double; expected a vector",
                () -> new NeuralGLMEstimator().setFeaturesCol("x").setLabelCol("y").fit(data));
        assertRefusedWithoutAJob("The label column 'label' is not in the data",
                () -> new NeuralGLMEstimator().fit(data));
        assertRefusedWithoutAJob("The weight column 'name' has type string; expected a number",
                () -> new NeuralGLMEstimator().setLabelCol("y").setWeightCol("name").fit(data));
        assertRefusedWithoutAJob("Output column 'x' already exists",
                () -> new NeuralGLMEstimator().setLabelCol("y").setPredictionCol("x").fit(data));
        // Categorical takes class indices, as Spark's classifiers: a string label is refused, not trained and then
        // unusable by transform
        assertRefusedWithoutAJob("The label column 'name' has type string; the Categorical family needs class indices",
                () -> new NeuralGLMEstimator().setFamily("Categorical").setLabelCol("name").fit(data));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NeuralGLMEstimator()
                .setFamily("Categorical").setLabelCol("half").fit(data.withColumn("half",
                        functions.when(functions.col("cls").equalTo(3), 2.5).otherwise(functions.col("cls")))));
        assertTrue(e.getMessage().contains("Label column 'half' has the value 2.5; the Categorical family needs class indices"),
                e.getMessage());
    }

    @Test
    void aModelChecksTheVectorSizeBeforeAnyJobAndItsOutputSchemaIsItsTransformSchema() throws Exception {
        final NeuralGLMModel model = new NeuralGLMEstimator().setFamily("Bernoulli").setLabelCol("y").setEpochs(2).fit(data);
        final Dataset<Row> two = new VectorAssembler().setInputCols(new String[] {"x", "cls"}).setOutputCol("v").transform(data);
        assertRefusedWithoutAJob("The features column 'v' holds vectors of 2 elements (by its ML attributes); the model was "
                + "trained on 1", () -> model.copy(new ParamMap()).setFeaturesCol("v").transform(two));
        final Dataset<Row> out = model.transform(data);
        assertEquals(model.transformSchema(data.schema()), out.schema());
        assertEquals("NeuralGLMModel: uid=" + model.uid() + ", family=Bernoulli, numFeatures=1, numParameters=2", model.toString());
        // the prediction P(y = 1) ranks as the rawPrediction column does (SparkMlClassifierColumnsTest)
        final double auc = new BinaryClassificationEvaluator().setLabelCol("y").setRawPredictionCol("prediction").evaluate(out);
        final List<Row> py = out.select("prediction", "y").collectAsList();
        double pairs = 0, concordant = 0;
        for (Row a : py) {
            for (Row b : py) {
                if (a.getDouble(1) == 1 && b.getDouble(1) == 0) {
                    pairs++;
                    concordant += a.getDouble(0) > b.getDouble(0) ? 1 : a.getDouble(0) == b.getDouble(0) ? 0.5 : 0;
                }
            }
        }
        assertEquals(concordant / pairs, auc, 1e-12, "AUC as the share of concordant pairs");
        // a null vector is refused by name when fitting (a NaN element would be imputed), with its partition and row, as
        // a data error the task returns: no task fails (a cluster retries a failed task, spark.task.maxFailures times:
        // SparkMlClusterCheck in local[2,4], which retries as a cluster does, saw 4 failed attempts when a raise_error
        // refused the row)
        final Dataset<Row> withNull = data.withColumn("features", functions.when(functions.col("cls").equalTo(3), functions.lit(null))
                .otherwise(functions.col("features")).as("features", data.schema().apply("features").metadata()));
        final int failedBefore = failedTasks();
        final IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> new NeuralGLMEstimator().setLabelCol("y").setEpochs(1).fit(withNull));
        assertTrue(n.getMessage().contains("The features column 'features' has a row without a vector (null); every row needs "
                + "one (a NaN element is imputed) (partition "), n.getMessage());
        assertEquals(failedBefore, failedTasks(), "failed task attempts for a data error");
        // and by name when transforming (inside the job: the message of the failed task)
        final Exception t = assertThrows(Exception.class, () -> model.transform(withNull).collectAsList());
        assertTrue(t.getMessage().contains("The features column 'features' has a row without a vector (null)"), t.getMessage());
    }

    @Test
    void aCategoricalProbabilityVectorIsIndexedByTheLabelValueAsMulticlassEvaluatorsReadIt() {
        final NeuralGLMModel model = new NeuralGLMEstimator().setFamily("Categorical").setLabelCol("cls").setEpochs(2).fit(data);
        final List<String> classes = Arrays.asList(model.tabularModel().label().classes());
        assertEquals(11, classes.size());
        assertEquals(model.transformSchema(data.schema()), model.transform(data).schema());
        final List<Row> out = model.transform(data).select("x", "cls", "probability", "prediction").collectAsList();
        double logLoss = 0;
        for (int i = 0; i < out.size(); i++) {
            final double[] engine = model.tabularModel().mean(new Object[][] {{out.get(i).getDouble(0)}}).data;
            final double[] p = ((Vector) out.get(i).get(2)).toArray();
            assertEquals(12, p.length, "classes 0 (absent) to 11");
            assertEquals(0.0, p[0], "row " + i + ": class 0 never occurs");
            int best = 1;
            for (int v = 1; v <= 11; v++) {
                assertEquals(engine[classes.indexOf(Integer.toString(v))], p[v], "row " + i + ", P(cls = " + v + ")");
                best = p[v] > p[best] ? v : best;
            }
            assertEquals(best, out.get(i).getDouble(3), "row " + i + ": the likeliest class");
            logLoss -= Math.log(p[(int) out.get(i).getDouble(1)]) / out.size();
        }
        final double sparkLogLoss = new MulticlassClassificationEvaluator().setLabelCol("cls").setMetricName("logLoss")
                .evaluate(model.transform(data));
        assertEquals(logLoss, sparkLogLoss, 1e-12);
        // the classes as the vector counts them (0 to 11), not the 11 seen
        assertTrue(model.toString().contains(", numClasses=12,"), model.toString());
    }

    /**
     * As Spark's classifiers take the number of classes from the label's metadata: a model trained on rows without the
     * last class (a cross-validation fold may lack it) still gives every class of the StringIndexer its place, so
     * MulticlassClassificationEvaluator's logLoss on rows of that class works (with the training rows' largest class
     * only, the vector was one element short and the evaluator failed); it survives save and load.
     */
    @Test
    void theProbabilityVectorHasEveryClassOfTheLabelsMetadata() throws Exception {
        final Dataset<Row> indexed = new org.apache.spark.ml.feature.StringIndexer().setInputCol("name").setOutputCol("idx")
                .setStringOrderType("alphabetAsc").fit(data).transform(data);
        final Dataset<Row> withoutLast = indexed.filter(functions.col("idx").lt(2));
        final NeuralGLMModel model = new NeuralGLMEstimator().setFamily("Categorical").setLabelCol("idx").setEpochs(2)
                .fit(withoutLast);
        assertEquals(2, model.tabularModel().label().classes().length, "classes seen in training");
        assertEquals(3, (Integer) model.getOrDefault(model.numClasses()));
        final List<Row> out = model.transform(indexed).select("idx", "probability").collectAsList();
        double logLoss = 0;
        for (Row r : out) {
            final double[] p = ((Vector) r.get(1)).toArray();
            assertEquals(3, p.length);
            assertEquals(0.0, p[2], "class 2 was not in the training rows");
            assertEquals(1.0, p[0] + p[1], 1e-12);
            logLoss -= Math.log(Math.max(p[(int) r.getDouble(0)], 1e-15)) / out.size();
        }
        final double spark = new MulticlassClassificationEvaluator().setLabelCol("idx").setMetricName("logLoss")
                .evaluate(model.transform(indexed));
        assertEquals(logLoss, spark, 1e-9, "Spark clips probabilities at 1e-15 as this does");
        assertTrue(model.toString().contains("numClasses=3"), model.toString());
        final java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("nglm-numclasses");
        model.write().overwrite().save(dir.resolve("m").toString());
        final NeuralGLMModel back = NeuralGLMModel.load(dir.resolve("m").toString());
        assertEquals(3, (Integer) back.getOrDefault(back.numClasses()));
        assertEquals(3, ((Vector) back.transform(indexed).select("probability").first().get(0)).size());
    }

    @Test
    void predictOfOneVectorIsTransformsPrediction() {
        for (NeuralGLMModel model : new NeuralGLMModel[] {
            new NeuralGLMEstimator().setFamily("Bernoulli").setLabelCol("y").setEpochs(5).fit(data),
            new NeuralGLMEstimator().setFamily("Categorical").setLabelCol("cls").setHiddenLayers(3).setEpochs(5).fit(data)}) {
            assertEquals(1, model.numFeatures());
            for (Row r : model.transform(data).select("features", "prediction").collectAsList()) {
                assertEquals(r.getDouble(1), model.predict((Vector) r.get(0)), 0.0, model.getOrDefault(model.family()));
            }
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.predict(org.apache.spark.ml.linalg.Vectors.dense(1, 2)));
            assertTrue(e.getMessage().contains("a vector of 2 elements; the model was trained on 1"), e.getMessage());
        }
    }
}
