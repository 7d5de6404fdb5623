package neuralglm.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import neuralglm.model.ModelFile;
import neuralglm.spark.ml.NeuralGLMEstimator;
import neuralglm.spark.ml.NeuralGLMModel;
import neuralglm.spark.ml.NeuralGLMTrainingSummary;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark ML face ({@code neuralglm.spark.ml}) as a Spark ML user meets it, on a real cluster: a driver submitted with
 * {@code SparkSubmit}, executors in JVMs of their own. Run by {@code scripts/spark_cluster.sh ml}, which starts a
 * standalone master and two workers on loopback, ships this class (test sources) in a jar of its own and runs two jobs:
 * <pre>
 *   fit   &lt;dir&gt;   on the cluster: executors (their process ids), a Pipeline (StringIndexer, OneHotEncoder,
 *                 VectorAssembler, NeuralGLMEstimator) fit and transform (predictions made in the executors equal the
 *                 engine's on the driver), Params (explainParams, copy, fit with a ParamMap), write/load of the
 *                 PipelineModel, the model alone, the estimator and the unfitted Pipeline, the training summary against
 *                 GeneralizedLinearRegression fitted in the same cluster (Poisson, Poisson weighted, binomial,
 *                 Gaussian, Gamma, Poisson weighted with offsetCol log(exposure)), the Bernoulli rawPrediction/probability with BinaryClassificationEvaluator,
 *                 regParam against LogisticRegression's, linkPredictionCol against GLR's, bad data met in
 *                 the executors named on the driver, a Categorical
 *                 network's probabilities with MulticlassClassificationEvaluator, CrossValidator over a ParamGridBuilder
 *                 grid of the estimator's epochs (parallelism 2), a network (hidden layer, Adam on mini-batches);
 *                 writes the saved models, every fitted engine model (JSON), the summaries and the predictions
 *                 (hexadecimal doubles) to dir
 *   reuse &lt;dir&gt;   a second application (the script runs it in local[2] with SparkSubmit): loads the saved
 *                 PipelineModel, model and CrossValidatorModel and compares their predictions with the cluster's, refits
 *                 every model and compares it (engine model file, summary, predictions) with the cluster's fit
 * </pre>
 * Every check prints one {@code PASS name: detail} or {@code FAIL name: reason} line; the exit status is the number of
 * failed checks (0: all passed). The data are generated from a seed (the same rows in both jobs) and laid out by a hash
 * of a row id into 4 partitions, sorted by id, so both applications see the same partitions in the same order. Then a
 * fit is the same bit for bit: the partitions' sums are exact (order-free), each partition's rows and mini-batch
 * shuffles are the same, and the arithmetic per row is in a fixed order (the kernels give the same bits with or
 * without the Vector API); here driver and executors also share one JVM build and CPU, so {@code Math.exp} and its
 * kin round alike (executors on other JVM builds or CPUs might not, in the last bits).
 */
public final class SparkMlClusterCheck {
    /** Rows of the generated data. */
    static final int N = 2000;
    private static final String[] COLOURS = {"red", "green", "blue"};

    private final SparkSession spark;
    private final Path dir;
    private final Dataset<Row> data;
    private final Dataset<Row> assembled;
    private int passed;
    private final List<String> failed = new ArrayList<>();
    /** The checks to run (null: all); a cut-down run ({@code SparkMlClusterIT}) names some. */
    private java.util.Set<String> only;

    /**
     * @param spark the session (its master: the cluster, or local mode)
     * @param dir   where the fit job writes and the reuse job reads
     */
    SparkMlClusterCheck(SparkSession spark, Path dir) {
        this.spark = spark;
        this.dir = dir;
        this.data = data(spark);
        this.assembled = featureStages().fit(data).transform(data).cache();
    }

    /**
     * @param args {@code fit <dir>} or {@code reuse <dir>}
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !List.of("fit", "reuse").contains(args[0])) {
            System.err.println("usage: SparkMlClusterCheck fit|reuse <directory>");
            System.exit(2);
        }
        final SparkSession spark = SparkSession.builder().appName("neuralGLM Spark ML check (" + args[0] + ")").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        final SparkMlClusterCheck c = new SparkMlClusterCheck(spark, Path.of(args[1]).toAbsolutePath());
        System.out.println("master " + spark.sparkContext().master() + ", driver pid " + ProcessHandle.current().pid()
                + ", Spark " + spark.version() + ", Java " + System.getProperty("java.version"));
        final long t0 = System.nanoTime();
        if (args[0].equals("fit")) {
            c.fitJob();
        } else {
            c.reuseJob();
        }
        System.out.printf(Locale.ROOT, "%s: %d passed, %d failed (%.0f s)%s%n", args[0], c.passed, c.failed.size(),
                (System.nanoTime() - t0) / 1e9, c.failed.isEmpty() ? "" : ": " + String.join(", ", c.failed));
        spark.stop();
        System.exit(Math.min(c.failed.size(), 100));
    }

    // ------------------------------------------------------------------------------------------ data

    /**
     * N rows: id, x1 ~ N(0, 1), x2 ~ U(0, 10), colour, count ~ Poisson(exp(0.2 + 0.5 x1 - 0.05 x2 + 0.4 [red])),
     * y ~ Bernoulli(logit^-1(0.3 + 1.0 x1 - 0.1 x2 + 0.5 [green])), gauss = 1 + 0.5 x1 - 0.3 x2 + 0.8 [blue] + N(0, 0.7),
     * gamma ~ Gamma(shape 2, mean exp(0.5 + 0.3 x1 - 0.1 x2 + 0.4 [red])), w ~ U(0.5, 2), exposure ~ U(0.2, 10.2)
     * (column logExposure, its log), claims ~ Poisson(exposure exp(-1 + 0.4 x1 - 0.08 x2 + 0.3 [green])) (these two
     * from a stream of their own); in 4 partitions by a hash of id, each sorted by id.
     */
    static Dataset<Row> data(SparkSession spark) {
        final Random rng = new Random(11), rngE = new Random(12);
        final List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            final double x1 = rng.nextGaussian(), x2 = 10 * rng.nextDouble();
            final int c = rng.nextInt(3);
            final double count = poisson(rng, Math.exp(0.2 + 0.5 * x1 - 0.05 * x2 + (c == 0 ? 0.4 : 0)));
            final double y = rng.nextDouble() < 1 / (1 + Math.exp(-(0.3 + x1 - 0.1 * x2 + (c == 1 ? 0.5 : 0)))) ? 1 : 0;
            final double gauss = 1 + 0.5 * x1 - 0.3 * x2 + (c == 2 ? 0.8 : 0) + 0.7 * rng.nextGaussian();
            final double mean = Math.exp(0.5 + 0.3 * x1 - 0.1 * x2 + (c == 0 ? 0.4 : 0));
            final double gamma = -(Math.log(1 - rng.nextDouble()) + Math.log(1 - rng.nextDouble())) * mean / 2;
            final double w = 0.5 + 1.5 * rng.nextDouble();
            final double exposure = 0.2 + 10 * rngE.nextDouble();   // its own stream: the other columns as before
            final double claims = poisson(rngE, exposure * Math.exp(-1.0 + 0.4 * x1 - 0.08 * x2 + (c == 1 ? 0.3 : 0)));
            rows.add(RowFactory.create(i, x1, x2, COLOURS[c], count, y, gauss, gamma, w, claims, Math.log(exposure)));
        }
        final StructType schema = new StructType().add("id", DataTypes.IntegerType).add("x1", DataTypes.DoubleType)
                .add("x2", DataTypes.DoubleType).add("colour", DataTypes.StringType).add("count", DataTypes.DoubleType)
                .add("y", DataTypes.DoubleType).add("gauss", DataTypes.DoubleType).add("gamma", DataTypes.DoubleType)
                .add("w", DataTypes.DoubleType).add("claims", DataTypes.DoubleType).add("logExposure", DataTypes.DoubleType);
        return spark.createDataFrame(rows, schema).repartition(4, functions.col("id")).sortWithinPartitions("id").cache();
    }

    private static double poisson(Random rng, double mu) {
        final double l = Math.exp(-mu);
        int k = 0;
        for (double p = rng.nextDouble(); p > l; p *= rng.nextDouble()) {
            k++;
        }
        return k;
    }

    /** StringIndexer (alphabetical: blue, green, red), OneHotEncoder (red dropped), VectorAssembler(x1, x2, colourVec). */
    private static PipelineStage[] featureStageArray() {
        return new PipelineStage[] {
            new StringIndexer().setInputCol("colour").setOutputCol("colourIndex").setStringOrderType("alphabetAsc"),
            new OneHotEncoder().setInputCol("colourIndex").setOutputCol("colourVec"),
            new VectorAssembler().setInputCols(new String[] {"x1", "x2", "colourVec"}).setOutputCol("features"),
        };
    }

    private static Pipeline featureStages() {
        return new Pipeline().setStages(featureStageArray());
    }

    private static Pipeline pipeline(NeuralGLMEstimator estimator) {
        final List<PipelineStage> stages = new ArrayList<>(List.of(featureStageArray()));
        stages.add(estimator);
        return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
    }

    /** The Poisson GLM of the pipeline checks. */
    private static NeuralGLMEstimator poissonGlm() {
        return new NeuralGLMEstimator().setFamily("Poisson").setLabelCol("count").setOptimizer("lbfgs").setEpochs(100);
    }

    /** A network: one hidden layer of 8 Tanh units, Adam on mini-batches of 256 rows (shuffled in the executors). */
    private static NeuralGLMEstimator network() {
        return new NeuralGLMEstimator().setFamily("Poisson").setLabelCol("count").setHiddenLayers(8).setActivation("Tanh")
                .setOptimizer("adam").setLearningRate(0.02).setBatchSize(256).setEpochs(12).setSeed(7);
    }

    /** The GLMs compared with GeneralizedLinearRegression: name, family, GLR family, link, label, weight, offset. */
    private static final String[][] GLMS = {
        {"poisson", "Poisson", "poisson", "log", "count", null, null},
        {"poisson-weighted", "Poisson", "poisson", "log", "count", "w", null},
        {"binomial", "Bernoulli", "binomial", "logit", "y", null, null},
        {"gaussian", "Gaussian", "gaussian", "identity", "gauss", null, null},
        {"gamma", "Gamma", "gamma", "log", "gamma", null, null},
        {"poisson-offset", "Poisson", "poisson", "log", "claims", "w", "logExposure"},
    };

    /** @return the row of {@link #GLMS} with this name */
    private static String[] spec(String name) {
        return Arrays.stream(GLMS).filter(g -> g[0].equals(name)).findFirst().orElseThrow();
    }

    private static NeuralGLMEstimator glm(String[] spec) {
        NeuralGLMEstimator e = new NeuralGLMEstimator().setFamily(spec[1]).setLabelCol(spec[4]).setOptimizer("lbfgs")
                .setEpochs(500);
        e = spec[5] == null ? e : e.setWeightCol(spec[5]);
        return spec[6] == null ? e : e.setOffsetCol(spec[6]);
    }

    private static GeneralizedLinearRegression glr(String[] spec) {
        GeneralizedLinearRegression r = new GeneralizedLinearRegression().setFamily(spec[2]).setLink(spec[3])
                .setLabelCol(spec[4]).setTol(1e-12).setMaxIter(100);
        r = spec[5] == null ? r : r.setWeightCol(spec[5]);
        return spec[6] == null ? r : r.setOffsetCol(spec[6]);
    }

    private static CrossValidator crossValidator() {
        final NeuralGLMEstimator estimator = poissonGlm();
        final ParamMap[] grid = new ParamGridBuilder().addGrid(estimator.epochs(), new int[] {1, 30}).build();
        return new CrossValidator().setEstimator(pipeline(estimator)).setEstimatorParamMaps(grid)
                .setEvaluator(new RegressionEvaluator().setLabelCol("count").setMetricName("rmse"))
                .setNumFolds(2).setSeed(3).setParallelism(2);
    }

    // ------------------------------------------------------------------------------------------ checks

    /** A weighted Bernoulli GLM with an L2 penalty against LogisticRegression's with the same regParam, both in the cluster. */
    private String regParam() {
        final double lambda = 0.05;
        final NeuralGLMModel ours = new NeuralGLMEstimator().setFamily("Bernoulli").setLabelCol("y").setWeightCol("w")
                .setOptimizer("lbfgs").setEpochs(500).setStandardization(false).setRegParam(lambda).fit(assembled);
        final LogisticRegressionModel lr = new LogisticRegression().setLabelCol("y").setWeightCol("w").setRegParam(lambda)
                .setElasticNetParam(0).setStandardization(false).setTol(1e-14).setMaxIter(1000).fit(assembled);
        final double[] b = ours.summary().coefficients().toArray(), ref = lr.coefficients().toArray();
        double worst = Math.abs(ours.summary().intercept() - lr.intercept()) / Math.max(1, Math.abs(lr.intercept()));
        for (int j = 0; j < ref.length; j++) {
            worst = Math.max(worst, Math.abs(b[j] - ref[j]) / Math.max(1, Math.abs(ref[j])));
        }
        require(worst < 1e-6, "largest relative coefficient difference " + worst);
        return String.format(Locale.ROOT, "regParam %s, weighted, standardization false: largest relative difference of the "
                + "coefficients and intercept %.1e", lambda, worst);
    }

    /** The linear predictor column of the GLM with offsetCol against GLR's linkPredictionCol. */
    private String linkPrediction(NeuralGLMModel model) {
        final NeuralGLMModel ours = model.copy(new ParamMap()).setLinkPredictionCol("eta");
        final GeneralizedLinearRegressionModel glr = glr(spec("poisson-offset")).fit(assembled).setLinkPredictionCol("glrEta")
                .setPredictionCol("glrMu");
        double worst = 0;
        final List<Row> rows = glr.transform(ours.transform(assembled)).select("eta", "glrEta").collectAsList();
        for (Row r : rows) {
            worst = Math.max(worst, Math.abs(r.getDouble(0) - r.getDouble(1)) / Math.max(1, Math.abs(r.getDouble(1))));
        }
        require(worst < 1e-6, "largest relative difference of eta " + worst);
        return String.format(Locale.ROOT, "%d rows, eta = net(x) + log(exposure): largest relative difference %.1e",
                rows.size(), worst);
    }

    /** Thrown by {@link #require}: a check's condition that did not hold. */
    private static final class CheckFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckFailed(String message) {
            super(message);
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new CheckFailed(message);
        }
    }

    /** Runs one check: prints its PASS line (with the detail it returns) or its FAIL line (and the trace to stderr). */
    private void check(String name, Callable<String> body) {
        if (only != null && !only.contains(name)) {
            return;
        }
        final long t0 = System.nanoTime();
        try {
            final String detail = body.call();
            passed++;
            System.out.printf(Locale.ROOT, "PASS %s: %s (%.1f s)%n", name, detail, (System.nanoTime() - t0) / 1e9);
        } catch (Throwable e) {
            failed.add(name);
            String reason = e instanceof CheckFailed ? e.getMessage() : e.toString();
            for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
                reason += "; caused by " + c;
            }
            System.out.printf(Locale.ROOT, "FAIL %s: %s (%.1f s)%n", name, reason.replace('\n', ' '),
                    (System.nanoTime() - t0) / 1e9);
            final StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            System.err.println("FAIL " + name + "\n" + trace);
        }
        System.out.flush();
    }

    /**
     * @param checks the names of the checks to run (null: all)
     * @return this
     */
    SparkMlClusterCheck only(java.util.Set<String> checks) {
        this.only = checks;
        return this;
    }

    /** @return the names of the checks that failed so far */
    List<String> failed() {
        return failed;
    }

    /** Runs the checks of the first job: fits, saves and writes what the second job compares. */
    void fitJob() throws IOException {
        Files.createDirectories(dir);
        check("executors", this::executors);
        final Map<String, Object> fits = new LinkedHashMap<>();
        check("pipeline fit and transform", () -> {
            final PipelineModel model = pipeline(poissonGlm()).fit(data);
            fits.put("pipeline", model);
            final NeuralGLMModel glm = (NeuralGLMModel) model.stages()[3];
            require(Arrays.equals(new String[] {"x1", "x2", "colourVec_blue", "colourVec_green"},
                    glm.tabularModel().encoder().inputNames()), "inputs named by VectorAssembler's attributes: "
                    + Arrays.toString(glm.tabularModel().encoder().inputNames()));
            require(glm.tabularModel().result().converged(), "L-BFGS converged: " + glm.tabularModel().result());
            final List<Row> out = model.transform(data).select("id", "features", "prediction").collectAsList();
            require(out.size() == N, out.size() + " rows");
            int same = 0;
            for (Row r : out) {
                final double[] v = ((Vector) r.get(1)).toArray();
                final Object[] cells = Arrays.stream(v).boxed().toArray();
                final double engine = glm.tabularModel().mean(new Object[][] {cells}).data[0];
                require(engine == r.getDouble(2), "row " + r.getInt(0) + ": executor " + r.getDouble(2) + ", driver " + engine);
                same++;
            }
            writePredictions("pipeline", model.transform(data), "prediction");
            return same + " predictions made in the executors equal the engine model's on the driver bit for bit; "
                    + glm.tabularModel().result().epochs() + " L-BFGS epochs";
        });
        check("params", this::params);
        check("save and load", () -> saveAndLoad((PipelineModel) fits.get("pipeline")));
        check("network", () -> {
            final PipelineModel model = pipeline(network()).fit(data);
            fits.put("network", model);
            final NeuralGLMModel net = (NeuralGLMModel) model.stages()[3];
            final NeuralGLMTrainingSummary s = net.summary();
            require(!s.hasCoefficientStatistics(), "a network has no coefficient statistics");
            require(s.numIterations() == 12, "epochs " + s.numIterations());
            final double[] trace = s.objectiveHistory();
            require(trace[trace.length - 1] < trace[0], "the loss fell: " + Arrays.toString(trace));
            require(s.deviance() < s.nullDeviance(), "deviance " + s.deviance() + " < null deviance " + s.nullDeviance());
            net.write().overwrite().save(dir.resolve("network-model").toString());
            writePredictions("network", model.transform(data), "prediction");
            return String.format(Locale.ROOT, "hidden [8] Tanh, Adam, batches of 256: mean NLL %.6f -> %.6f in 12 epochs, "
                    + "deviance %.2f (null %.2f), %d parameters", trace[0], trace[trace.length - 1], s.deviance(),
                    s.nullDeviance(), net.tabularModel().network().numParameters());
        });
        final Map<String, String> glrCoefficients = new LinkedHashMap<>();
        for (String[] spec : GLMS) {
            check("summary vs GLR " + spec[0], () -> {
                final NeuralGLMModel ours = glm(spec).fit(assembled);
                fits.put(spec[0], ours);
                final GeneralizedLinearRegressionModel glr = glr(spec).fit(assembled);
                glrCoefficients.put(spec[0], hex(glrCoefficients(glr)));
                final GlrAgreement a = GlrAgreement.of(ours.summary(), glr, true, GlrAgreement.TOLERANCE);
                require(a.mismatches().isEmpty(), String.join("; ", a.mismatches()));
                require(ours.summary().numIterations() < 500, "L-BFGS stopped at the epoch limit");
                return String.format(Locale.ROOT, "max relative difference %.1e (%s); %d L-BFGS epochs", a.worst(),
                        a.report(), ours.summary().numIterations());
            });
        }
        check("binary evaluator", () -> binaryEvaluator((NeuralGLMModel) fits.get("binomial")));
        check("regParam vs LogisticRegression", this::regParam);
        check("linkPrediction vs GLR", () -> linkPrediction((NeuralGLMModel) fits.get("poisson-offset")));
        check("errors from executors", () -> errors((NeuralGLMModel) fits.get("poisson")));
        check("multiclass evaluator", () -> {
            final PipelineModel model = multiclassPipeline().fit(data);
            fits.put("multiclass", model);
            writePredictions("multiclass", model.transform(data), "probability");
            return multiclass(model);
        });
        check("cross validator", () -> {
            final CrossValidatorModel cv = crossValidator().fit(data);
            fits.put("cross-validator", cv.bestModel());
            final double[] rmse = cv.avgMetrics();
            require(rmse.length == 2 && rmse[1] < rmse[0], "30 epochs fit better than 1: " + Arrays.toString(rmse));
            final NeuralGLMModel best = (NeuralGLMModel) ((PipelineModel) cv.bestModel()).stages()[3];
            require((Integer) best.getOrDefault(best.epochs()) == 30, "best epochs " + best.getOrDefault(best.epochs()));
            final String path = dir.resolve("cross-validator").toString();
            cv.write().overwrite().save(path);
            final CrossValidatorModel back = CrossValidatorModel.load(path);
            require(Arrays.equals(rmse, back.avgMetrics()), "avgMetrics after load: " + Arrays.toString(back.avgMetrics()));
            final Map<Integer, String> before = predictions(cv.transform(data), "prediction");
            require(before.equals(predictions(back.transform(data), "prediction")), "the loaded model's predictions differ");
            writePredictions("cross-validator", cv.transform(data), "prediction");
            return String.format(Locale.ROOT, "grid epochs {1, 30}, 2 folds, parallelism 2: rmse %.6f, %.6f; best 30; "
                    + "saved, loaded, same predictions", rmse[0], rmse[1]);
        });
        check("write fitted models", () -> {
            for (Map.Entry<String, Object> f : fits.entrySet()) {
                Files.writeString(dir.resolve("fit-" + f.getKey() + ".json"), ModelFile.toJson(neuralGLM(f.getValue()).tabularModel()));
                Files.writeString(dir.resolve("summary-" + f.getKey() + ".txt"), summary(neuralGLM(f.getValue())));
            }
            final StringBuilder g = new StringBuilder();
            glrCoefficients.forEach((k, v) -> g.append(k).append(' ').append(v).append('\n'));
            Files.writeString(dir.resolve("glr-coefficients.txt"), g);
            return fits.size() + " engine models and summaries in " + dir;
        });
    }

    private String executors() {
        final List<String> where = data.mapPartitions((MapPartitionsFunction<Row, String>) rows -> {
            long n = 0;
            while (rows.hasNext()) {
                rows.next();
                n++;
            }
            return List.of(SparkEnv.get().executorId() + "@" + ProcessHandle.current().pid() + ":" + n).iterator();
        }, Encoders.STRING()).collectAsList();
        final TreeSet<String> executors = new TreeSet<>(), pids = new TreeSet<>();
        for (String w : where) {
            executors.add(w.substring(0, w.indexOf('@')));
            pids.add(w.substring(w.indexOf('@') + 1, w.indexOf(':')));
        }
        final String driver = Long.toString(ProcessHandle.current().pid());
        final String master = spark.sparkContext().master();
        if (master.startsWith("spark://") || master.startsWith("local-cluster")) {
            require(executors.size() == 2 && pids.size() == 2 && !pids.contains(driver), "two executors in JVMs of their "
                    + "own: " + where + ", driver " + driver);
        }
        return "4 partitions on executors " + where + " (executor@pid:rows), driver pid " + driver;
    }

    private String params() {
        final NeuralGLMEstimator e = poissonGlm().setHiddenLayers(4, 2).setLearningRate(0.05);
        final String text = e.explainParams();
        final List<String> lines = Arrays.asList(text.split("\n"));
        require(lines.size() == e.params().length, "explainParams: " + lines.size() + " lines for " + e.params().length
                + " params");
        for (Param<?> p : e.params()) {
            require(lines.stream().anyMatch(l -> l.startsWith(p.name() + ": ") && l.contains(p.doc())), "no line for " + p.name());
        }
        require(text.contains("(default: [], current: [4, 2])") && text.contains("(default: 0.001, current: 0.05)"), text);
        final NeuralGLMEstimator copy = e.copy(new ParamMap().put(e.epochs(), 7));
        require(copy.uid().equals(e.uid()) && (Integer) copy.getOrDefault(copy.epochs()) == 7
                && (Integer) e.getOrDefault(e.epochs()) == 100 && Arrays.equals(new int[] {4, 2},
                copy.getOrDefault(copy.hiddenLayers())), "copy with a ParamMap");
        // fit with a ParamMap: the pipeline's copy carries it to the estimator, which stays as it was
        final NeuralGLMEstimator est = poissonGlm();
        final Pipeline p = pipeline(est);
        final ParamMap extra = new ParamMap().put(est.epochs(), 3).put(est.predictionCol(), "mu");
        final PipelineModel fitted = p.fit(data, extra);
        final NeuralGLMModel m = (NeuralGLMModel) fitted.stages()[3];
        require((Integer) m.getOrDefault(m.epochs()) == 3 && m.summary().numIterations() == 3, "epochs 3 from the ParamMap: "
                + m.getOrDefault(m.epochs()) + ", trained " + m.summary().numIterations());
        require((Integer) est.getOrDefault(est.epochs()) == 100, "the estimator keeps its epochs");
        final Row first = fitted.transform(data).select("mu").first();
        require(first.getDouble(0) > 0, "prediction column 'mu' from the ParamMap");
        return e.params().length + " params explained, copy(ParamMap) keeps the uid, fit(data, ParamMap{epochs 3, "
                + "predictionCol mu}) trained 3 epochs and predicted into 'mu'";
    }

    private String saveAndLoad(PipelineModel model) throws IOException {
        final Map<Integer, String> expected = predictions(model.transform(data), "prediction");
        final String path = dir.resolve("pipeline-model").toString();
        model.write().overwrite().save(path);
        require(expected.equals(predictions(PipelineModel.load(path).transform(data), "prediction")),
                "the loaded PipelineModel predicts differently");
        final NeuralGLMModel glm = (NeuralGLMModel) model.stages()[3];
        final String alone = dir.resolve("glm-model").toString();
        glm.write().overwrite().save(alone);
        final NeuralGLMModel back = NeuralGLMModel.load(alone);
        require(back.uid().equals(glm.uid()) && "count".equals(back.getOrDefault(back.labelCol())) && !back.hasSummary(),
                "uid, labelCol and no summary after load");
        require(expected.equals(predictions(back.transform(assembled), "prediction")), "the loaded model predicts differently");
        require(ModelFile.toJson(back.tabularModel()).equals(ModelFile.toJson(glm.tabularModel())),
                "the loaded engine model differs");
        final NeuralGLMEstimator est = network().setWeightCol("w");
        est.write().overwrite().save(dir.resolve("estimator").toString());
        final NeuralGLMEstimator estBack = NeuralGLMEstimator.load(dir.resolve("estimator").toString());
        require(estBack.explainParams().equals(est.explainParams()), "estimator params after load:\n"
                + estBack.explainParams());
        final Pipeline unfitted = pipeline(network());
        unfitted.write().overwrite().save(dir.resolve("pipeline").toString());
        final Pipeline pBack = Pipeline.load(dir.resolve("pipeline").toString());
        require(pBack.getStages().length == 4 && ((NeuralGLMEstimator) pBack.getStages()[3]).explainParams()
                .equals(((NeuralGLMEstimator) unfitted.getStages()[3]).explainParams()), "the unfitted Pipeline after load");
        return "PipelineModel and the model alone saved and loaded: " + expected.size() + " predictions equal bit for bit, "
                + "engine model identical; estimator and unfitted Pipeline params identical";
    }

    private String binaryEvaluator(NeuralGLMModel model) {
        final Dataset<Row> out = model.transform(assembled);
        final List<Row> rows = out.select("y", "rawPrediction", "probability", "prediction").collectAsList();
        double pairs = 0, concordant = 0;
        final List<double[]> py = new ArrayList<>();
        for (Row r : rows) {
            final double[] raw = ((Vector) r.get(1)).toArray(), p = ((Vector) r.get(2)).toArray();
            final double mu = r.getDouble(3);
            require(raw.length == 2 && raw[0] == -raw[1] && p.length == 2 && p[1] == mu && p[0] == 1 - mu,
                    "rawPrediction [-eta, eta] and probability [1 - mu, mu]: " + r);
            require(Math.abs(1 / (1 + Math.exp(-raw[1])) - mu) <= 1e-12, "mu = logistic(eta): " + r);
            py.add(new double[] {mu, r.getDouble(0)});
        }
        for (double[] a : py) {
            for (double[] b : py) {
                if (a[1] == 1 && b[1] == 0) {
                    pairs++;
                    concordant += a[0] > b[0] ? 1 : a[0] == b[0] ? 0.5 : 0;
                }
            }
        }
        final double exact = concordant / pairs;
        final double unbinned = new BinaryClassificationEvaluator().setLabelCol("y").setNumBins(0).evaluate(out);
        require(Math.abs(unbinned - exact) <= 1e-12, "AUC " + unbinned + ", concordant pairs " + exact);
        // GLR binomial's mu ranks the rows as our eta does (the coefficients agree to ~1e-9)
        final GeneralizedLinearRegressionModel glr = glr(spec("binomial")).fit(assembled);
        final double glrAuc = new BinaryClassificationEvaluator().setLabelCol("y").setRawPredictionCol("prediction")
                .setNumBins(0).evaluate(glr.transform(assembled));
        require(Math.abs(unbinned - glrAuc) <= 1e-12, "AUC " + unbinned + ", on GLR's prediction " + glrAuc);
        // the evaluator's defaults (rawPrediction, areaUnderROC, the curve down-sampled to 1000 bins)
        final double byDefault = new BinaryClassificationEvaluator().setLabelCol("y").evaluate(out);
        require(Math.abs(byDefault - unbinned) <= 1e-3, "AUC with the defaults " + byDefault + ", unbinned " + unbinned);
        final double pr = new BinaryClassificationEvaluator().setLabelCol("y").setMetricName("areaUnderPR").evaluate(out);
        return String.format(Locale.ROOT, "rawPrediction [-eta, eta], probability [1 - mu, mu]; AUC %.10f (unbinned: the "
                + "concordant pairs', GLR binomial's), %.10f with the defaults (1000 bins), areaUnderPR %.6f", unbinned,
                byDefault, pr);
    }

    /** Failed task attempts so far (a data error returned by a task is not one; Spark retries a failed task). */
    private final java.util.concurrent.atomic.AtomicInteger failedTasks = new java.util.concurrent.atomic.AtomicInteger();
    private boolean listening;

    /**
     * @param call an action that must fail
     * @return the messages of its exception's cause chain, joined, and the failed task attempts it took
     */
    private Object[] failure(Runnable call) throws java.util.concurrent.TimeoutException {
        if (!listening) {
            spark.sparkContext().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
                @Override
                public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                    if (!end.taskInfo().successful()) {
                        failedTasks.incrementAndGet();
                    }
                }
            });
            listening = true;
        }
        spark.sparkContext().listenerBus().waitUntilEmpty();
        final int before = failedTasks.get();
        try {
            call.run();
        } catch (Exception e) {
            final StringBuilder m = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                m.append(t.getMessage()).append(" / ");
            }
            spark.sparkContext().listenerBus().waitUntilEmpty();
            return new Object[] {m.toString(), failedTasks.get() - before};
        }
        throw new CheckFailed("no error");
    }

    /**
     * Bad data met in the executors comes back to the driver with the engine's message (column, value, where): a
     * negative Poisson count and a row without a features vector when fitting (data errors the task returns, so no task
     * fails and none is retried), and a row without a vector when transforming (an exception in the task, retried up to
     * spark.task.maxFailures times, as a UDF of Spark's own models fails).
     */
    private String errors(NeuralGLMModel poisson) throws java.util.concurrent.TimeoutException {
        final org.apache.spark.sql.types.Metadata meta = assembled.schema().apply("features").metadata();
        final Dataset<Row> withNull = assembled.withColumn("features", functions.when(functions.col("id").equalTo(7),
                functions.lit(null)).otherwise(functions.col("features")).as("features", meta));
        final Dataset<Row> negative = assembled.withColumn("count", functions.when(functions.col("id").equalTo(11),
                functions.lit(-1.0)).otherwise(functions.col("count")));
        final Object[] label = failure(() -> glm(spec("poisson")).setEpochs(2).fit(negative));
        require(((String) label[0]).contains("Label column 'count' has the value -1.0 in partition")
                && ((String) label[0]).contains("Poisson"), "negative count: " + label[0]);
        require((Integer) label[1] == 0, "the data error failed " + label[1] + " task attempts (Spark retries those)");
        final Object[] fit = failure(() -> glm(spec("poisson")).setEpochs(2).fit(withNull));
        require(((String) fit[0]).contains("The features column 'features' has a row without a vector (null)"),
                "fit, null vector: " + fit[0]);
        require((Integer) fit[1] == 0, "the null vector failed " + fit[1] + " task attempts in fit (Spark retries those)");
        final Object[] transform = failure(() -> poisson.transform(withNull).collectAsList());
        require(((String) transform[0]).contains("The features column 'features' has a row without a vector (null)"),
                "transform, null vector: " + transform[0]);
        return "a negative count and a null vector in fit named on the driver without a failed task; a null vector in "
                + "transform fails its task (as in Spark's own models), named on the driver after " + transform[1]
                + " attempts";
    }

    /**
     * A Categorical network on a StringIndexer's label: class probabilities indexed by the label value, what
     * MulticlassClassificationEvaluator reads (its logLoss equals the one computed here from the collected rows).
     */
    private String multiclass(PipelineModel model) {
        final Dataset<Row> out = model.transform(data);
        final List<Row> rows = out.select("colourLabel", "probability", "prediction").collectAsList();
        double logLoss = 0;
        int right = 0;
        for (Row r : rows) {
            final double[] p = ((Vector) r.get(1)).toArray();
            require(p.length == 3 && Math.abs(p[0] + p[1] + p[2] - 1) <= 1e-12, "three probabilities summing to 1: " + r);
            int best = 0;
            for (int c = 1; c < 3; c++) {
                best = p[c] > p[best] ? c : best;
            }
            require(best == r.getDouble(2), "the prediction is the likeliest class: " + r);
            logLoss -= Math.log(Math.max(p[(int) r.getDouble(0)], 1e-15)) / rows.size();
            right += best == r.getDouble(0) ? 1 : 0;
        }
        final double spark = new MulticlassClassificationEvaluator().setLabelCol("colourLabel").setMetricName("logLoss")
                .evaluate(out);
        require(Math.abs(spark - logLoss) <= 1e-12, "logLoss " + spark + ", computed " + logLoss);
        final double accuracy = new MulticlassClassificationEvaluator().setLabelCol("colourLabel").setMetricName("accuracy")
                .evaluate(out);
        require(Math.abs(accuracy - right / (double) rows.size()) <= 1e-12, "accuracy " + accuracy);
        return String.format(Locale.ROOT, "3 classes, hidden [4]: logLoss %.6f, accuracy %.4f (MulticlassClassificationEvaluator "
                + "= computed from the rows)", spark, accuracy);
    }

    /** colour (a StringIndexer's label) from x1, x2 and count: a Categorical network. */
    private static Pipeline multiclassPipeline() {
        return new Pipeline().setStages(new PipelineStage[] {
            new StringIndexer().setInputCol("colour").setOutputCol("colourLabel"),
            new VectorAssembler().setInputCols(new String[] {"x1", "x2", "count"}).setOutputCol("features"),
            new NeuralGLMEstimator().setFamily("Categorical").setLabelCol("colourLabel").setHiddenLayers(4)
                .setOptimizer("lbfgs").setEpochs(15).setSeed(3),
        });
    }

    // ------------------------------------------------------------------------------------------ the second job

    /** Runs the checks of the second job: loads and refits, and compares with what the first wrote. */
    void reuseJob() {
        check("executors", this::executors);
        check("load PipelineModel", () -> sameAsCluster("pipeline", PipelineModel.load(dir.resolve("pipeline-model")
                .toString()).transform(data)));
        check("load model alone", () -> sameAsCluster("pipeline", NeuralGLMModel.load(dir.resolve("glm-model").toString())
                .transform(assembled)));
        check("load network model", () -> sameAsCluster("network", NeuralGLMModel.load(dir.resolve("network-model")
                .toString()).transform(assembled)));
        check("load CrossValidatorModel", () -> sameAsCluster("cross-validator", CrossValidatorModel.load(
                dir.resolve("cross-validator").toString()).transform(data)));
        check("refit pipeline", () -> {
            final PipelineModel m = pipeline(poissonGlm()).fit(data);
            return sameFit("pipeline", m) + "; " + sameAsCluster("pipeline", m.transform(data));
        });
        check("refit network", () -> {
            final PipelineModel m = pipeline(network()).fit(data);
            return sameFit("network", m) + "; " + sameAsCluster("network", m.transform(data));
        });
        final StringBuilder glrDiff = new StringBuilder();
        for (String[] spec : GLMS) {
            check("refit GLM " + spec[0], () -> {
                final String same = sameFit(spec[0], glm(spec).fit(assembled));
                final double[] local = glrCoefficients(glr(spec).fit(assembled));
                final double[] cluster = unhex(Files.readAllLines(dir.resolve("glr-coefficients.txt")).stream()
                        .filter(l -> l.startsWith(spec[0] + " ")).findFirst().orElseThrow().substring(spec[0].length() + 1));
                double d = 0;
                for (int j = 0; j < local.length; j++) {
                    d = Math.max(d, Math.abs(local[j] - cluster[j]) / Math.max(1e-3, Math.abs(cluster[j])));
                }
                glrDiff.append(String.format(Locale.ROOT, "%s%s %.1e", glrDiff.length() == 0 ? "" : ", ", spec[0], d));
                return same + String.format(Locale.ROOT, " (Spark's GLR, cluster vs here: coefficients differ by %.1e "
                        + "relative)", d);
            });
        }
        check("refit multiclass", () -> {
            final PipelineModel m = multiclassPipeline().fit(data);
            return sameFit("multiclass", m) + "; " + sameAsCluster("multiclass", m.transform(data), "probability");
        });
        check("refit cross validator", () -> {
            final CrossValidatorModel cv = crossValidator().fit(data);
            return sameFit("cross-validator", cv.bestModel()) + "; " + sameAsCluster("cross-validator", cv.transform(data));
        });
        if (glrDiff.length() > 0) {
            System.out.println("info: Spark's GeneralizedLinearRegression, cluster vs " + spark.sparkContext().master()
                    + ", largest relative coefficient difference: " + glrDiff);
        }
    }

    /** Compares a fit with the cluster's: the engine model file (every parameter, the loss trace) and the summary. */
    private String sameFit(String name, Object fitted) throws IOException {
        final NeuralGLMModel m = neuralGLM(fitted);
        final String json = ModelFile.toJson(m.tabularModel());
        final String cluster = Files.readString(dir.resolve("fit-" + name + ".json"));
        if (!json.equals(cluster)) {
            final double[] a = parameters(m), b = parameters(ModelFile.fromJson(neuralglm.model.Json.read(cluster)));
            double d = 0;
            for (int j = 0; j < Math.min(a.length, b.length); j++) {
                d = Math.max(d, Math.abs(a[j] - b[j]));
            }
            throw new CheckFailed(String.format(Locale.ROOT, "the model differs from the cluster's (max |parameter "
                    + "difference| %.3g)", d));
        }
        require(summary(m).equals(Files.readString(dir.resolve("summary-" + name + ".txt"))),
                "the training summary differs from the cluster's:\n" + summary(m));
        return "model (" + m.tabularModel().network().numParameters() + " parameters, " + m.tabularModel().result().epochs()
                + " epochs) and summary equal to the cluster's bit for bit";
    }

    private static double[] parameters(NeuralGLMModel m) {
        return parameters(m.tabularModel());
    }

    private static double[] parameters(neuralglm.model.TabularModel m) {
        final List<Double> out = new ArrayList<>();
        for (neuralglm.nn.Parameter p : m.network().parameters()) {
            for (double v : p.value().data) {
                out.add(v);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private String sameAsCluster(String name, Dataset<Row> transformed) throws IOException {
        return sameAsCluster(name, transformed, "prediction");
    }

    private String sameAsCluster(String name, Dataset<Row> transformed, String column) throws IOException {
        final Map<Integer, String> here = predictions(transformed, column);
        final Map<Integer, String> cluster = readPredictions(name);
        int differ = 0;
        double d = 0;
        for (Map.Entry<Integer, String> e : cluster.entrySet()) {
            if (!e.getValue().equals(here.get(e.getKey()))) {
                differ++;
                final double[] a = unhex(e.getValue()), b = here.get(e.getKey()) == null ? new double[0] : unhex(here.get(e.getKey()));
                for (int j = 0; j < Math.min(a.length, b.length); j++) {
                    d = Math.max(d, Math.abs(a[j] - b[j]) / Math.max(1e-300, Math.abs(a[j])));
                }
            }
        }
        require(here.size() == cluster.size() && differ == 0, String.format(Locale.ROOT, "%d of %d predictions differ "
                + "from the cluster's (largest relative difference %.3g)", differ, cluster.size(), d));
        return cluster.size() + " predictions equal to the cluster's bit for bit";
    }

    // ------------------------------------------------------------------------------------------ records

    private static NeuralGLMModel neuralGLM(Object fitted) {
        return fitted instanceof PipelineModel p ? (NeuralGLMModel) p.stages()[p.stages().length - 1] : (NeuralGLMModel) fitted;
    }

    private static double[] glrCoefficients(GeneralizedLinearRegressionModel glr) {
        final double[] b = glr.coefficients().toArray();
        final double[] out = Arrays.copyOf(b, b.length + 1);
        out[b.length] = glr.intercept();
        return out;
    }

    /** @return the summary's numbers as hexadecimal doubles, one per line (what two fits must share bit for bit) */
    private static String summary(NeuralGLMModel m) {
        final NeuralGLMTrainingSummary s = m.summary();
        final StringBuilder b = new StringBuilder();
        b.append("numInstances ").append(s.numInstances()).append('\n');
        b.append("numIterations ").append(s.numIterations()).append('\n');
        b.append("rank ").append(s.rank()).append('\n');
        for (Object[] q : new Object[][] {{"weightSum", s.weightSum()}, {"deviance", s.deviance()},
            {"nullDeviance", s.nullDeviance()}, {"dispersion", s.dispersion()}, {"logLikelihood", s.logLikelihood()},
            {"aic", s.aic()}, {"residualDegreeOfFreedom", s.residualDegreeOfFreedom()}}) {
            b.append(q[0]).append(' ').append(Double.toHexString((Double) q[1])).append('\n');
        }
        b.append("objectiveHistory ").append(hex(s.objectiveHistory())).append('\n');
        if (s.hasCoefficientStatistics()) {
            b.append("coefficients ").append(hex(s.coefficients().toArray())).append(' ').append(Double.toHexString(s.intercept()))
                    .append('\n');
            b.append("standardErrors ").append(hex(s.coefficientStandardErrors())).append('\n');
            b.append("pValues ").append(hex(s.pValues())).append('\n');
        }
        return b.toString();
    }

    private static String hex(double[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(Double::toHexString).toArray(String[]::new));
    }

    private static double[] unhex(String s) {
        return Arrays.stream(s.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /** @return id -> the prediction column as hexadecimal doubles (a vector's elements joined by commas) */
    private static Map<Integer, String> predictions(Dataset<Row> transformed, String column) {
        final Map<Integer, String> out = new java.util.TreeMap<>();
        for (Row r : transformed.select("id", column).collectAsList()) {
            final Object v = r.get(1);
            out.put(r.getInt(0), v instanceof Vector vec ? hex(vec.toArray()) : Double.toHexString((Double) v));
        }
        return out;
    }

    private void writePredictions(String name, Dataset<Row> transformed, String column) throws IOException {
        final StringBuilder b = new StringBuilder();
        predictions(transformed, column).forEach((id, v) -> b.append(id).append(' ').append(v).append('\n'));
        Files.writeString(dir.resolve("predictions-" + name + ".txt"), b);
    }

    private Map<Integer, String> readPredictions(String name) throws IOException {
        final Map<Integer, String> out = new java.util.TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("predictions-" + name + ".txt"))) {
            final int space = line.indexOf(' ');
            out.put(Integer.parseInt(line.substring(0, space)), line.substring(space + 1));
        }
        return out;
    }
}
