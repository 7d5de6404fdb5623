package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import neuralglm.train.StopReason;
import neuralglm.train.TrainingResult;
import neuralglm.spark.ml.NeuralGLMEstimator;
import neuralglm.spark.ml.NeuralGLMModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark ML face's {@code regParam} (an L2 penalty on the weights, not the biases, on the mean NLL) against two
 * independent references, and its early-stopping params ({@code validationFraction}, {@code patience}) reaching the
 * training loop: a Bernoulli GLM against Spark's own {@code LogisticRegression} with the same {@code regParam}
 * ({@code elasticNetParam} 0, {@code standardization} false, weighted), and a Gaussian GLM on standardised inputs
 * against the ridge normal equations solved here, the intercept unpenalised.
 */
class SparkRegularisationTest {
    private static final int N = 150;
    private static SparkSession spark;
    private static Dataset<Row> data;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start(2);
        final Random rng = new Random(11);
        final List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            final double x1 = rng.nextGaussian(), x2 = 3 + 2 * rng.nextGaussian(), x3 = rng.nextDouble() * 10;
            final double eta = -0.5 + 1.5 * x1 - 0.4 * (x2 - 3) + 0.1 * x3;
            final double y = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
            final double z = 2 + x1 - 0.5 * x2 + 0.3 * x3 + rng.nextGaussian();
            rows.add(RowFactory.create(x1, x2, x3, y, z, 0.5 + rng.nextDouble()));
        }
        final StructType schema = new StructType().add("x1", DataTypes.DoubleType).add("x2", DataTypes.DoubleType)
                .add("x3", DataTypes.DoubleType).add("y", DataTypes.DoubleType).add("z", DataTypes.DoubleType)
                .add("w", DataTypes.DoubleType);
        data = new VectorAssembler().setInputCols(new String[] {"x1", "x2", "x3"}).setOutputCol("features")
                .transform(spark.createDataFrame(rows, schema).repartition(2)).cache();
    }

    @Test
    void bernoulliGlmEqualsLogisticRegressionWithTheSameRegParam() {
        for (double lambda : new double[] {0.02, 0.3}) {
            final NeuralGLMModel ours = new NeuralGLMEstimator().setFamily("Bernoulli").setLabelCol("y").setWeightCol("w")
                    .setOptimizer("lbfgs").setEpochs(1000).setStandardization(false).setRegParam(lambda).fit(data);
            final LogisticRegressionModel lr = new LogisticRegression().setLabelCol("y").setWeightCol("w")
                    .setRegParam(lambda).setElasticNetParam(0).setStandardization(false).setTol(1e-14).setMaxIter(1000)
                    .fit(data);
            final double[] b = ours.summary().coefficients().toArray(), ref = lr.coefficients().toArray();
            for (int j = 0; j < ref.length; j++) {
                assertEquals(ref[j], b[j], 1e-6 * Math.max(1, Math.abs(ref[j])), "lambda " + lambda + ", coefficient " + j);
            }
            assertEquals(lr.intercept(), ours.summary().intercept(), 1e-6, "lambda " + lambda + ", intercept");
        }
        // the penalty does shrink: the unpenalised GLM's coefficients are larger
        final double[] free = new NeuralGLMEstimator().setFamily("Bernoulli").setLabelCol("y").setWeightCol("w")
                .setOptimizer("lbfgs").setEpochs(1000).setStandardization(false).fit(data).summary().coefficients().toArray();
        final double[] shrunk = new NeuralGLMEstimator().setFamily("Bernoulli").setLabelCol("y").setWeightCol("w")
                .setOptimizer("lbfgs").setEpochs(1000).setStandardization(false).setRegParam(0.3).fit(data).summary()
                .coefficients().toArray();
        assertTrue(Math.abs(shrunk[0]) < 0.8 * Math.abs(free[0]), shrunk[0] + " against " + free[0]);
    }

    @Test
    void gaussianGlmOnStandardisedInputsIsTheRidgeWithAFreeIntercept() {
        final double lambda = 0.4;
        final NeuralGLMModel ours = new NeuralGLMEstimator().setLabelCol("z").setWeightCol("w").setOptimizer("lbfgs")
                .setEpochs(1000).setRegParam(lambda).fit(data);
        // the reference: minimise sum w (z - b - Z beta)^2 / (2 sum w) + lambda/2 ||beta||^2 with Z the inputs
        // standardised by their weighted mean and population sd: (Z'WZ/sw + lambda I) beta = Z'W(z - zbar)/sw
        final List<Row> rows = data.select("x1", "x2", "x3", "z", "w").collectAsList();
        final int n = rows.size(), d = 3;
        double sw = 0, swz = 0;
        final double[] mean = new double[d], sd = new double[d];
        for (Row r : rows) {
            sw += r.getDouble(4);
            swz += r.getDouble(4) * r.getDouble(3);
            for (int j = 0; j < d; j++) {
                mean[j] += r.getDouble(4) * r.getDouble(j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= sw;
        }
        for (Row r : rows) {
            for (int j = 0; j < d; j++) {
                sd[j] += r.getDouble(4) * Math.pow(r.getDouble(j) - mean[j], 2);
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j] / sw);
        }
        final double zbar = swz / sw;
        final DMatrixRMaj a = new DMatrixRMaj(d, d), rhs = new DMatrixRMaj(d, 1);
        for (Row r : rows) {
            final double w = r.getDouble(4);
            for (int j = 0; j < d; j++) {
                final double zj = (r.getDouble(j) - mean[j]) / sd[j];
                rhs.add(j, 0, w * zj * (r.getDouble(3) - zbar) / sw);
                for (int k = 0; k < d; k++) {
                    a.add(j, k, w * zj * (r.getDouble(k) - mean[k]) / sd[k] / sw);
                }
            }
        }
        for (int j = 0; j < d; j++) {
            a.add(j, j, lambda);
        }
        final DMatrixRMaj beta = new DMatrixRMaj(d, 1);
        assertTrue(CommonOps_DDRM.solve(a, rhs, beta));
        final List<Row> scored = ours.transform(data).select("x1", "x2", "x3", "prediction").collectAsList();
        double largest = 0;
        for (int i = 0; i < n; i++) {
            final Row r = scored.get(i);
            double want = zbar;
            for (int j = 0; j < d; j++) {
                want += beta.get(j, 0) * (r.getDouble(j) - mean[j]) / sd[j];
            }
            largest = Math.max(largest, Math.abs(r.getDouble(3) - want));
        }
        assertTrue(largest < 1e-6, "largest prediction difference " + largest);
        // and the penalty bites: the ridge predictions are not the least-squares ones
        final List<Row> free = new NeuralGLMEstimator().setLabelCol("z").setWeightCol("w").setOptimizer("lbfgs")
                .setEpochs(1000).fit(data).transform(data).select("prediction").collectAsList();
        double moved = 0;
        for (int i = 0; i < n; i++) {
            moved = Math.max(moved, Math.abs(free.get(i).getDouble(0) - scored.get(i).getDouble(3)));
        }
        assertTrue(moved > 0.05, "the penalty moved the predictions by " + moved);
    }

    @Test
    void crossValidatorTunesRegParamOverAGrid() {
        final NeuralGLMEstimator estimator = new NeuralGLMEstimator().setLabelCol("z").setOptimizer("lbfgs").setEpochs(200);
        final org.apache.spark.ml.param.ParamMap[] grid = new org.apache.spark.ml.tuning.ParamGridBuilder()
                .addGrid(estimator.regParam(), new double[] {1000.0, 0.0}).build();
        final org.apache.spark.ml.tuning.CrossValidatorModel cv = new org.apache.spark.ml.tuning.CrossValidator()
                .setEstimator(estimator).setEstimatorParamMaps(grid)
                .setEvaluator(new org.apache.spark.ml.evaluation.RegressionEvaluator().setLabelCol("z").setMetricName("rmse"))
                .setNumFolds(2).setSeed(3).fit(data);
        final double[] rmse = cv.avgMetrics();
        // lambda 1000 leaves the level alone (the bias is free) and shrinks the slopes to about 0: the label's sd
        assertTrue(rmse[0] > 1.5 * rmse[1], java.util.Arrays.toString(rmse));
        final NeuralGLMModel best = (NeuralGLMModel) cv.bestModel();
        assertEquals(0.0, best.getOrDefault(best.regParam()));
    }

    @Test
    void earlyStoppingParamsReachTheTrainingLoop(@TempDir Path dir) throws Exception {
        final NeuralGLMEstimator estimator = new NeuralGLMEstimator().setFamily("Bernoulli").setLabelCol("y")
                .setHiddenLayers(16).setOptimizer("adam").setLearningRate(0.05).setEpochs(400)
                .setValidationFraction(0.3).setPatience(3).setRegParam(1e-3);
        final NeuralGLMModel model = estimator.fit(data);
        final TrainingResult result = model.tabularModel().result();
        assertTrue(result.epochs() < 400, "early stopping ended training after " + result.epochs() + " epochs");
        assertTrue(result.validationTrace().length > 0, "a validation trace");
        assertEquals(StopReason.NO_IMPROVEMENT, result.stopReason(), result.describeStop());
        assertEquals(0.3, model.getOrDefault(model.validationFraction()));
        // the params are saved with the estimator and the model, as every Spark ML param
        final String where = dir.resolve("est").toString();
        estimator.write().overwrite().save(where);
        final NeuralGLMEstimator loaded = NeuralGLMEstimator.load(where);
        assertEquals(1e-3, loaded.getOrDefault(loaded.regParam()));
        assertEquals(3, loaded.getOrDefault(loaded.patience()));
    }

    @Test
    void invalidValuesAreRefusedWhenSet() {
        final NeuralGLMEstimator e = new NeuralGLMEstimator();
        for (Runnable set : new Runnable[] {() -> e.setRegParam(-0.1), () -> e.setRegParam(Double.NaN),
            () -> e.setRegParam(Double.POSITIVE_INFINITY), () -> e.setValidationFraction(1.0),
            () -> e.setValidationFraction(-0.2), () -> e.setPatience(0)}) {
            final IllegalArgumentException x = assertThrows(IllegalArgumentException.class, set::run);
            assertTrue(x.getMessage().contains("given invalid value"), x.getMessage());
        }
    }

    @Test
    void theCommandLineRefusesAnUnknownOptionBeforeSparkStarts() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparkTrain.main(new String[] {
            "--input", "claims.csv", "--features", "x", "--label", "y", "--family", "Poisson", "--regparam", "0.1"}));
        assertTrue(e.getMessage().startsWith("Unknown option --regparam; the options are ["), e.getMessage());
        assertTrue(e.getMessage().contains("--reg-param"), e.getMessage());
    }
}
