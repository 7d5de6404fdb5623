package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import neuralglm.model.ModelFile;
import neuralglm.model.TabularModel;
import neuralglm.spark.ml.NeuralGLMEstimator;
import neuralglm.spark.ml.NeuralGLMModel;
import neuralglm.testutil.ReferenceGlm;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link NeuralGLMEstimator} as a Spark ML component in local mode: in a Pipeline after StringIndexer,
 * OneHotEncoder and VectorAssembler (a Poisson GLM, checked against the independent IRLS of
 * {@link ReferenceGlm} on the same design), tuned by CrossValidator over a ParamGridBuilder grid, saved and
 * loaded (pipeline, model and estimator); and a Categorical model's probabilities and predicted class.
 */
class SparkMlTest {
    private static final int N = 160;
    private static final String[] COLOURS = {"red", "green", "blue"};
    private static SparkSession spark;
    private static Dataset<Row> data;
    private static List<Row> rows;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(2);
        final Random rng = new Random(17);
        rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            final double x = rng.nextGaussian();
            final int c = rng.nextInt(3);
            final double mu = Math.exp(0.3 + 0.5 * x + (c == 1 ? 0.4 : c == 2 ? -0.3 : 0.0));
            rows.add(RowFactory.create(x, COLOURS[c], (double) poisson(mu, rng), (double) c));
        }
        final StructType schema = new StructType().add("x", DataTypes.DoubleType).add("colour", DataTypes.StringType)
                .add("count", DataTypes.DoubleType).add("cls", DataTypes.DoubleType);
        data = spark.createDataFrame(rows, schema).repartition(2).cache();
    }

    private static int poisson(double mu, Random rng) {
        final double l = Math.exp(-mu);
        int k = 0;
        for (double p = rng.nextDouble(); p > l; p *= rng.nextDouble()) {
            k++;
        }
        return k;
    }

    private static PipelineStage[] features() {
        return new PipelineStage[] {
            new StringIndexer().setInputCol("colour").setOutputCol("colourIndex").setStringOrderType("alphabetAsc"),
            new OneHotEncoder().setInputCol("colourIndex").setOutputCol("colourVec"),
            new VectorAssembler().setInputCols(new String[] {"x", "colourVec"}).setOutputCol("features"),
        };
    }

    private static NeuralGLMEstimator poissonGlm() {
        return new NeuralGLMEstimator().setFamily("Poisson").setLabelCol("count").setOptimizer("lbfgs").setEpochs(30);
    }

    @Test
    void inAPipelineTunedByCrossValidatorItFitsThePoissonGlmAndSavesAndLoads(@TempDir Path dir) throws Exception {
        final NeuralGLMEstimator estimator = poissonGlm();
        final List<PipelineStage> stages = new ArrayList<>(List.of(features()));
        stages.add(estimator);
        final Pipeline pipeline = new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
        final ParamMap[] grid = new ParamGridBuilder().addGrid(estimator.epochs(), new int[] {1, 30}).build();
        final CrossValidatorModel cv = new CrossValidator().setEstimator(pipeline).setEstimatorParamMaps(grid)
                .setEvaluator(new RegressionEvaluator().setLabelCol("count").setMetricName("rmse"))
                .setNumFolds(2).setSeed(3).fit(data);
        final double[] rmse = cv.avgMetrics();
        assertEquals(2, rmse.length);
        assertTrue(rmse[1] < rmse[0], "30 L-BFGS iterations fit better than 1: " + rmse[0] + " vs " + rmse[1]);
        final PipelineModel fitted = (PipelineModel) cv.bestModel();
        final NeuralGLMModel glm = (NeuralGLMModel) fitted.stages()[3];
        assertEquals(30, (int) glm.getOrDefault(glm.epochs()));
        final TabularModel tm = glm.tabularModel();
        assertTrue(tm.result().converged(), tm.result().toString());
        // the inputs are named by VectorAssembler's attributes: x and OneHotEncoder's dummies (blue dropped last)
        assertArrayEquals(new String[] {"x", "colourVec_blue", "colourVec_green"}, tm.encoder().inputNames());
        final List<Row> out = fitted.transform(data).select("x", "colour", "count", "prediction").collectAsList();
        // independent IRLS on the same full-rank design [x, colour=blue, colour=green]
        final double[][] z = new double[out.size()][];
        final double[] y = new double[out.size()];
        for (int i = 0; i < z.length; i++) {
            final String c = out.get(i).getString(1);
            z[i] = new double[] {out.get(i).getDouble(0), "blue".equals(c) ? 1 : 0, "green".equals(c) ? 1 : 0};
            y[i] = out.get(i).getDouble(2);
        }
        final double[] beta = ReferenceGlm.irls(ReferenceGlm.poisson(), z, y, null).coefficients();
        for (int i = 0; i < z.length; i++) {
            final double eta = beta[0] + beta[1] * z[i][0] + beta[2] * z[i][1] + beta[3] * z[i][2];
            assertEquals(Math.exp(eta), out.get(i).getDouble(3), 1e-7 * Math.exp(eta), "row " + i + " vs IRLS");
        }
        // the pipeline saved (Spark's JSON metadata, the model as plain JSON) and loaded predicts the same numbers
        final String path = dir.resolve("pipeline").toString();
        fitted.write().overwrite().save(path);
        final List<Row> again = PipelineModel.load(path).transform(data).select("prediction").collectAsList();
        for (int i = 0; i < out.size(); i++) {
            assertEquals(out.get(i).getDouble(3), again.get(i).getDouble(0), "reloaded pipeline, row " + i);
        }
        // the model directory alone: Spark ML's reader, and the engine's (what ImportTabularModel uses)
        final String modelPath = dir.resolve("glm").toString();
        glm.write().save(modelPath);
        final NeuralGLMModel loaded = NeuralGLMModel.load(modelPath);
        assertEquals(glm.uid(), loaded.uid());
        assertEquals("count", loaded.getOrDefault(loaded.labelCol()));
        final TabularModel engine = ModelFile.read(Path.of(modelPath));
        final Object[][] cells = {{0.5, 1.0, 0.0}, {-1.0, 0.0, 0.0}, {Double.NaN, 0.0, 1.0}};
        assertArrayEquals(tm.mean(cells).data, engine.mean(cells).data);
        assertArrayEquals(tm.mean(cells).data, loaded.tabularModel().mean(cells).data);
        // the estimator's params too
        final String estPath = dir.resolve("estimator").toString();
        poissonGlm().setHiddenLayers(4, 2).setWeightCol("w").write().save(estPath);
        final NeuralGLMEstimator est = NeuralGLMEstimator.load(estPath);
        assertArrayEquals(new int[] {4, 2}, est.getOrDefault(est.hiddenLayers()));
        assertEquals("w", est.getOrDefault(est.weightCol()));
        assertEquals("lbfgs", est.getOrDefault(est.optimizer()));
    }

    @Test
    void aCategoricalModelGivesClassProbabilitiesAndTheLikeliestClass() {
        final Dataset<Row> assembled = new VectorAssembler().setInputCols(new String[] {"x", "count"})
                .setOutputCol("features").transform(data);
        final NeuralGLMModel model = new NeuralGLMEstimator().setFamily("Categorical").setLabelCol("cls")
                .setHiddenLayers(3).setActivation("Tanh").setLearningRate(0.05).setEpochs(3).fit(assembled);
        assertArrayEquals(new String[] {"0", "1", "2"}, model.tabularModel().label().classes());
        final List<Row> out = model.transform(assembled).select("x", "count", "probability", "prediction").collectAsList();
        for (int i = 0; i < out.size(); i++) {
            final double[] p = ((Vector) out.get(i).get(2)).toArray();
            final double[] expected = model.tabularModel().mean(new Object[][] {{out.get(i).getDouble(0), out.get(i).getDouble(1)}}).data;
            assertArrayEquals(expected, p, "probabilities of row " + i);
            int best = 0;
            for (int c = 1; c < 3; c++) {
                best = p[c] > p[best] ? c : best;
            }
            assertEquals(best, out.get(i).getDouble(3), "predicted class of row " + i);
        }
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NeuralGLMEstimator().setFamily("Poisson").setLabelCol("count").fit(data));
        assertTrue(e.getMessage().contains("'features'") && e.getMessage().contains("not in the data"), e.getMessage());
    }
}
