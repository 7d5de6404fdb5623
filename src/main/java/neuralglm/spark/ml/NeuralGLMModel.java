package neuralglm.spark.ml;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

import neuralglm.family.Family;
import neuralglm.model.GlmInference;
import neuralglm.model.ModelFile;
import neuralglm.model.TabularModel;
import neuralglm.spark.ModelStore;
import neuralglm.spark.SparkTrainer;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReadable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;

/**
 * The fitted {@link NeuralGLMEstimator}: a Spark ML {@code Model} that appends the prediction
 * {@code mu = g^-1(net(z))} of each row's features vector (z: the vector imputed and standardised as in
 * training); for the Categorical family the prediction is the likeliest class (its label value) and the
 * probability column holds the class probabilities as Spark ML's classifiers lay them out: element i is
 * P(label = i), for the class indices 0 to the largest class ({@code transformSchema} refuses a model whose
 * classes are not such indices). Categorical and Bernoulli models also append a raw prediction column, as Spark's
 * classifiers (Bernoulli: [-eta, eta], what {@code BinaryClassificationEvaluator} ranks by default, and the
 * probabilities [1 - mu, mu]; see {@link #transform}). After {@code fit} it has a training summary
 * ({@link #summary()}, {@link NeuralGLMTrainingSummary}: GeneralizedLinearRegression's statistics), which is not saved.
 * The engine model inside ({@link #tabularModel()}) has
 * no Spark types and predicts the same numbers on one machine.
 *
 * <p>Saved ({@code write().save(path)}, any Hadoop file system) as Spark ML saves its own models: the
 * params as JSON metadata ({@code path/metadata}) and the data as the plain JSON model file of
 * {@link ModelFile} ({@code path/data/model.json}); nothing is Java-serialised. {@code ImportTabularModel}
 * of the Weka package reads the directory too.
 */
public final class NeuralGLMModel extends Model<NeuralGLMModel> implements NeuralGLMParams, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final TabularModel model;
    /** The training summary: set by fit, kept by copy, not saved (as Spark's). */
    private transient NeuralGLMTrainingSummary trainingSummary;

    /**
     * @param uid   the stage's unique id
     * @param model the trained engine model (its inputs are the features vector's elements, in order)
     */
    public NeuralGLMModel(String uid, TabularModel model) {
        this.uid = uid;
        this.model = model;
        NeuralGLMParams.setDefaults(this);
        setDefault(numClasses(), 0);
        set(family(), model.family().name());
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public String explainParam(org.apache.spark.ml.param.Param<?> param) {
        return NeuralGLMParams.explain(this, param);
    }

    /** @param summary the training summary (set by {@link NeuralGLMEstimator#fit}) */
    void setSummary(NeuralGLMTrainingSummary summary) {
        this.trainingSummary = summary;
    }

    /** @return whether this model has a training summary: after fit (and copy), not after load, as Spark's models */
    public boolean hasSummary() {
        return trainingSummary != null;
    }

    /**
     * @return the training summary (GeneralizedLinearRegression's statistics; see {@link NeuralGLMTrainingSummary})
     * @throws java.util.NoSuchElementException when the model has none ({@link #hasSummary}: a loaded model)
     */
    public NeuralGLMTrainingSummary summary() {
        if (trainingSummary == null) {
            throw new java.util.NoSuchElementException("No training summary available for this NeuralGLMModel (a "
                    + "summary is made by fit and is not saved with the model)");
        }
        return trainingSummary;
    }

    /** @return the engine model (encoder, network, family, loss trace) */
    public TabularModel tabularModel() {
        return model;
    }

    /** @param v the features vector column @return this */
    public NeuralGLMModel setFeaturesCol(String v) { set(featuresCol(), v); return this; }
    /**
     * @param v the offset column ("" for none): transform predicts at eta = net(x) + o, so set it to the column the
     *          model was fitted with (fit copies it here) or to the new rows' own offsets
     * @return this
     */
    public NeuralGLMModel setOffsetCol(String v) { set(offsetCol(), v); return this; }
    /** @param v the prediction column ("" for none) @return this */
    public NeuralGLMModel setPredictionCol(String v) { set(predictionCol(), v); return this; }
    /** @param v the probabilities column (Categorical, Bernoulli; "" for none) @return this */
    public NeuralGLMModel setProbabilityCol(String v) { set(probabilityCol(), v); return this; }
    /** @param v the raw prediction column (Categorical, Bernoulli; "" for none) @return this */
    public NeuralGLMModel setRawPredictionCol(String v) { set(rawPredictionCol(), v); return this; }
    /** @param v the link prediction (eta) column (one-output families; "" for none) @return this */
    public NeuralGLMModel setLinkPredictionCol(String v) { set(linkPredictionCol(), v); return this; }

    /**
     * @return Categorical: the number of classes of the training label column's metadata (a {@code StringIndexer}'s
     *         labels), 0 when it had none; the probability vector has at least that many elements, so a class the
     *         training rows lacked (a cross-validation fold without the last class) still has its place, as in
     *         Spark's classifiers
     */
    public IntParam numClasses() {
        return new IntParam(this, "numClasses", "Categorical: the classes of the training label's metadata (0: none); the "
                + "probability vector has at least that many elements", ParamValidators.gtEq(0));
    }

    @Override
    public NeuralGLMModel copy(ParamMap extra) {
        final NeuralGLMModel m = new NeuralGLMModel(uid, model);
        copyValues(m, extra);
        m.trainingSummary = trainingSummary;
        return parent() == null ? m : m.setParent(parent());
    }

    /**
     * The model's fit statistics on labelled rows, e.g. held-out data, as {@code GeneralizedLinearRegressionModel
     * .evaluate} gives them: the rows' {@code labelCol}, {@code weightCol} and {@code offsetCol} are read as in
     * {@code fit} (weights as GLR reads them), the network is the model's. See {@link NeuralGLMSummary}: deviance,
     * the null deviance of the intercept-only model fitted to these rows, dispersion, log-likelihood, AIC.
     *
     * @param dataset labelled rows with the features vector column
     * @return their statistics
     */
    public NeuralGLMSummary evaluate(Dataset<?> dataset) {
        transformSchema(dataset.schema(), true);
        final String label = getOrDefault(labelCol()), weight = weightColOrNull();
        Schemas.requireNumeric(dataset.schema(), label, "label");
        if (weight != null) {
            Schemas.requireNumeric(dataset.schema(), weight, "weight");
        }
        final String[] names = model.encoder().featureNames();
        final Dataset<Row> table = NeuralGLMEstimator.table(dataset, getOrDefault(featuresCol()), names, label, weight,
                offsetColOrNull());
        return new NeuralGLMSummary(new SparkTrainer(model.family()).withFeatures(names).withLabel(label).withWeight(weight)
                .withOffset(offsetColOrNull()).evaluate(table, model, GlmInference.Weights.PRIOR));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Schemas.requireVector(schema, getOrDefault(featuresCol()));
        Schemas.requireSize(schema, getOrDefault(featuresCol()), model.encoder().width());
        NeuralGLMEstimator.requireOffset(schema, this, model.family());
        if (model.family().labelCoding() == Family.LabelCoding.ONE_HOT) {
            ClassIndices.of(model.label().classes());
        }
        return Schemas.withOutputs(schema, this, model.family());
    }

    /**
     * Appends the output columns ({@link #transformSchema} gives their schema; a column whose name is "" is not made):
     * <pre>
     *   every family     prediction     mu = g^-1(eta)                    (Categorical: the likeliest class value)
     *   one output       linkPrediction eta = net(x) + o (when linkPredictionCol is set)
     *   Bernoulli        rawPrediction  [-eta, eta]   (eta = logit(mu): LogisticRegression's [-margin, margin])
     *                    probability    [1 - mu, mu]
     *   Categorical      rawPrediction  element i: the network's eta of class value i; -Infinity for a value without
     *                                   an output (not among the training rows' classes; its probability is 0, the
     *                                   softmax's limit at -Infinity)
     *                    probability    element i: P(label = i) = softmax(eta)_i (a class whose training rows all weigh
     *                                   0 at its floor, its eta the network's)
     * </pre>
     * The network is evaluated once per row.
     *
     * @param dataset rows with the features vector column
     * @return the rows with the output columns
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema(), true);
        final TabularModel m = model;
        final int d = m.encoder().width();
        final String features = getOrDefault(featuresCol());
        final org.apache.spark.sql.Column in = functions.col(Schemas.quote(features));
        final String pred = Schemas.outputOrNull(this, predictionCol());
        final Schemas.Kind kind = Schemas.Kind.of(m.family());
        final String offset = offsetColOrNull();
        final org.apache.spark.sql.Column offsetValue = offset == null ? null
                : functions.col(Schemas.quote(offset)).cast(DataTypes.DoubleType);
        final String link = Schemas.outputOrNull(this, linkPredictionCol());
        if (kind == Schemas.Kind.REGRESSION && link != null) {   // eta in its column, mu from it
            final UserDefinedFunction eta = offset == null
                    ? functions.udf((UDF1<Vector, Double>) v -> m.eta(cells(v, d, features)).data[0], DataTypes.DoubleType)
                            .asNonNullable()
                    : functions.udf((UDF2<Vector, Double, Double>) (v, o) ->
                            shifted(m.eta(cells(v, d, features)), o, offset).data[0], DataTypes.DoubleType).asNonNullable();
            final Dataset<Row> out = dataset.withColumn(link, offset == null ? eta.apply(in) : eta.apply(in, offsetValue));
            return pred == null ? out : out.withColumn(pred, functions.udf((UDF1<Double, Double>) e ->
                    m.meanOf(new DMatrixRMaj(1, 1, true, e)).data[0], DataTypes.DoubleType).asNonNullable()
                    .apply(functions.col(Schemas.quote(link))));
        }
        if (kind == Schemas.Kind.REGRESSION) {
            if (pred == null) {
                return dataset.toDF();
            }
            if (offset != null) {
                final UserDefinedFunction mean = functions.udf((UDF2<Vector, Double, Double>) (v, o) ->
                        m.meanOf(shifted(m.eta(cells(v, d, features)), o, offset)).data[0], DataTypes.DoubleType)
                        .asNonNullable();
                return dataset.withColumn(pred, mean.apply(in, offsetValue));
            }
            final UserDefinedFunction mean = functions.udf((UDF1<Vector, Double>) v -> m.mean(cells(v, d, features)).data[0],
                    DataTypes.DoubleType).asNonNullable();
            return dataset.withColumn(pred, mean.apply(in));
        }
        final String raw = Schemas.outputOrNull(this, rawPredictionCol()), prob = Schemas.outputOrNull(this, probabilityCol());
        if (pred == null && raw == null && prob == null && link == null) {
            return dataset.toDF();
        }
        // Spark ML's layout: element i is class value i; the engine's classes are sorted as text ("10" < "2")
        final int[] index = kind == Schemas.Kind.MULTICLASS ? ClassIndices.of(m.label().classes()) : null;
        final int size = index == null ? 2 : probabilitySize(index);
        final String both = "__neuralGLM_outputs_" + uid;
        final org.apache.spark.sql.Column b = functions.col(Schemas.quote(both));
        Dataset<Row> out;
        if (offset != null) {   // a one-output family (Bernoulli): requireOffset refused the others
            final UserDefinedFunction outputs = functions.udf((UDF2<Vector, Double, Vector>) (v, o) ->
                    Vectors.dense(rawAndProbability(m, shifted(m.eta(cells(v, d, features)), o, offset), index, size)),
                    SQLDataTypes.VectorType()).asNonNullable();
            out = dataset.withColumn(both, outputs.apply(in, offsetValue));
        } else {
            final UserDefinedFunction outputs = functions.udf((UDF1<Vector, Vector>) v ->
                    Vectors.dense(rawAndProbability(m, m.eta(cells(v, d, features)), index, size)), SQLDataTypes.VectorType())
                    .asNonNullable();
            out = dataset.withColumn(both, outputs.apply(in));
        }
        if (raw != null) {
            out = out.withColumn(raw, slice(0, size).apply(b));
        }
        if (prob != null) {
            out = out.withColumn(prob, slice(size, 2 * size).apply(b));
        }
        if (link != null) {   // Bernoulli (Schemas refused Categorical): eta, the raw prediction's second element
            out = out.withColumn(link, functions.udf((UDF1<Vector, Double>) r -> r.apply(1), DataTypes.DoubleType)
                    .asNonNullable().apply(b));
        }
        if (pred != null) {
            final UserDefinedFunction prediction = index == null
                    ? functions.udf((UDF1<Vector, Double>) r -> r.apply(size + 1), DataTypes.DoubleType).asNonNullable()
                    : functions.udf((UDF1<Vector, Double>) r -> likeliest(r.toArray(), size), DataTypes.DoubleType)
                            .asNonNullable();
            out = out.withColumn(pred, prediction.apply(b));
        }
        return out.drop(both);
    }

    /** @return a UDF giving elements [from, to) of a vector */
    private static UserDefinedFunction slice(int from, int to) {
        return functions.udf((UDF1<Vector, Vector>) v -> Vectors.dense(java.util.Arrays.copyOfRange(v.toArray(), from, to)),
                SQLDataTypes.VectorType()).asNonNullable();
    }

    /**
     * @param eta    a row's eta, 1 x 1
     * @param o      its offset (null when missing)
     * @param column the offset column, for the message
     * @return eta + o, in place
     */
    private static DMatrixRMaj shifted(DMatrixRMaj eta, Double o, String column) {
        if (o == null || !Double.isFinite(o)) {
            throw new IllegalArgumentException("The offset column '" + column + "' has a row with the value " + o
                    + "; every row to predict needs a finite offset (eta = net(x) + o)");
        }
        eta.data[0] += o;
        return eta;
    }

    /**
     * @param m     the engine model
     * @param eta   one row's eta (with its offset, if any)
     * @param index Categorical: the classes' positions ({@link ClassIndices#of}); null for Bernoulli
     * @param size  the vectors' length
     * @return the raw prediction then the probabilities (2 size elements), as {@link #transform} lays them out
     */
    private static double[] rawAndProbability(TabularModel m, DMatrixRMaj eta, int[] index, int size) {
        final double[] mu = m.meanOf(eta).data;
        final double[] out = new double[2 * size];
        if (index == null) {
            out[0] = -eta.data[0];
            out[1] = eta.data[0];
            out[2] = 1.0 - mu[0];
            out[3] = mu[0];
            return out;
        }
        java.util.Arrays.fill(out, 0, size, Double.NEGATIVE_INFINITY);
        for (int c = 0; c < index.length; c++) {
            out[index[c]] = eta.data[c];
            out[size + index[c]] = mu[c];
        }
        return out;
    }

    /**
     * @param index the classes' positions ({@link ClassIndices#of})
     * @return the probability vector's length: the largest class + 1, or {@link #numClasses()} when larger
     */
    private int probabilitySize(int[] index) {
        return Math.max(ClassIndices.size(index), (Integer) getOrDefault(numClasses()));
    }

    /**
     * @return as Spark's models print themselves: uid, family, number of features (and classes: the probability
     *         vector's length; the classes seen when they are not class indices), of network parameters
     */
    @Override
    public String toString() {
        String classes = "";
        if (model.family().labelCoding() == Family.LabelCoding.ONE_HOT) {
            int k;
            try {
                k = probabilitySize(ClassIndices.of(model.label().classes()));
            } catch (IllegalArgumentException e) {
                k = model.label().classes().length;
            }
            classes = ", numClasses=" + k;
        }
        return "NeuralGLMModel: uid=" + uid + ", family=" + model.family().name() + ", numFeatures=" + model.encoder().width()
                + classes + ", numParameters=" + model.network().numParameters();
    }

    /** @return the length of the features vector the model reads (as Spark's {@code PredictionModel.numFeatures}) */
    public int numFeatures() {
        return model.encoder().width();
    }

    /**
     * One row's prediction, as Spark's {@code PredictionModel.predict(features)}: the mean {@code mu = g^-1(net(x))}
     * (Bernoulli: P(y = 1)), at offset 0 as GLR's {@code predict} (transform adds the {@code offsetCol}); Categorical:
     * the likeliest class value, as transform's prediction column.
     *
     * @param features the features vector, of {@link #numFeatures()} elements
     * @return the prediction
     */
    public double predict(Vector features) {
        final DMatrixRMaj eta = model.eta(cells(features, numFeatures(), getOrDefault(featuresCol())));
        if (Schemas.Kind.of(model.family()) != Schemas.Kind.MULTICLASS) {
            return model.meanOf(eta).data[0];
        }
        final int[] index = ClassIndices.of(model.label().classes());
        final int size = probabilitySize(index);
        return likeliest(rawAndProbability(model, eta, index, size), size);
    }

    /**
     * @param outputs the raw prediction then the probabilities ({@link #rawAndProbability})
     * @param size    the length of each
     * @return the class value of the largest probability (the first of ties), as a double
     */
    private static double likeliest(double[] outputs, int size) {
        return Vectors.dense(java.util.Arrays.copyOfRange(outputs, size, 2 * size)).argmax();
    }

    /** @return the vector's elements as the one row of cells the engine model encodes */
    private static Object[][] cells(Vector v, int d, String features) {
        if (v == null) {
            throw new IllegalArgumentException("The features column '" + features + "' has a row without a vector (null)");
        }
        if (v.size() != d) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "The features column '%s' has a vector of %d elements; the model was trained on %d", features, v.size(), d));
        }
        final Object[] cells = new Object[d];
        for (int j = 0; j < d; j++) {
            cells[j] = v.apply(j);
        }
        return new Object[][] {cells};
    }

    // ------------------------------------------------------------------------------------- save / load

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** @return the reader of a saved model */
    public static MLReader<NeuralGLMModel> read() {
        return new Reader();
    }

    /**
     * @param path where {@code write().save(path)} put it
     * @return the model
     */
    public static NeuralGLMModel load(String path) {
        return read().load(path);
    }

    /** Writes {@code path/metadata} (params, Spark's JSON) and {@code path/data/model.json} ({@link ModelFile}). */
    private static final class Writer extends MLWriter {
        private final NeuralGLMModel instance;

        Writer(NeuralGLMModel instance) {
            this.instance = instance;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(instance, path, sparkSession());
            final Path file = new Path(path, ModelFile.IN_DIRECTORY);
            try {
                final FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (OutputStream out = fs.create(file, true)) {
                    ModelFile.write(instance.model, out);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Reads what {@link Writer} wrote; the data is parsed, never deserialised. */
    private static final class Reader extends MLReader<NeuralGLMModel> {
        @Override
        public NeuralGLMModel load(String path) {
            final DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sparkSession(),
                    NeuralGLMModel.class.getName());
            final TabularModel tm;
            try {
                tm = ModelStore.load(path, sc().hadoopConfiguration());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot read the model under " + path + ": " + e.getMessage(), e);
            }
            final NeuralGLMModel m = new NeuralGLMModel(metadata.uid(), tm);
            metadata.getAndSetParams(m, scala.Option.empty());
            return m;
        }
    }

    /** The companion reader, for code that looks for {@code MLReadable}. */
    public static final MLReadable<NeuralGLMModel> READABLE = NeuralGLMModel::read;
}
