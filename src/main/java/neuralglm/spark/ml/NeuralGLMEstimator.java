package neuralglm.spark.ml;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import neuralglm.family.Families;
import neuralglm.family.Family;
import neuralglm.model.GlmInference;
import neuralglm.spark.SparkTrainer;
import neuralglm.spark.Tables;
import neuralglm.optim.Optimizer;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * A neuralGLM network as a Spark ML {@code Estimator}: fits a {@link NeuralGLMModel} on a features vector
 * column (what {@code VectorAssembler} and {@code OneHotEncoder} produce), a label and optionally a weight
 * and an offset column ({@code offsetCol}: {@code eta = net(x) + o}, as GeneralizedLinearRegression's), with the
 * {@link NeuralGLMParams}. It sits in a {@code Pipeline}, is tuned by
 * {@code CrossValidator}/{@code TrainValidationSplit} over a {@code ParamGridBuilder} grid, and saves with
 * {@code write().save(path)} (its params as JSON metadata, as every Spark ML stage does).
 *
 * <p>Training is the table-based {@link SparkTrainer}'s, on the same core: the vector's d elements become
 * d numeric input columns (named by the vector's ML attributes, e.g. {@code age} or {@code region_north},
 * else {@code features[j]}); a missing element (NaN) is imputed with the weighted mean, the inputs are
 * standardised with weighted moments, and the network is trained by synchronous data-parallel steps with
 * exact sums. Rows with a missing label are skipped. A Categorical label holds class indices 0, 1, 2, ...
 * (numbers, as {@code StringIndexer} makes them), as Spark ML's classifiers take it; other values are refused
 * before training. After training, two more passes over the cached rows make the model's training summary
 * ({@link NeuralGLMModel#summary()}), with the weights read as GeneralizedLinearRegression reads them (prior
 * weights: the degrees of freedom count rows).
 */
public final class NeuralGLMEstimator extends Estimator<NeuralGLMModel> implements NeuralGLMParams, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;

    /** A new estimator with a random uid and the defaults of {@link NeuralGLMParams}. */
    public NeuralGLMEstimator() {
        this(Identifiable.randomUID("neuralGLM"));
    }

    /** @param uid the stage's unique id */
    public NeuralGLMEstimator(String uid) {
        this.uid = uid;
        NeuralGLMParams.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public String explainParam(org.apache.spark.ml.param.Param<?> param) {
        return NeuralGLMParams.explain(this, param);
    }

    // setters, as Spark ML's own estimators have them

    /** @param v the features vector column @return this */
    public NeuralGLMEstimator setFeaturesCol(String v) { set(featuresCol(), v); return this; }
    /** @param v the label column @return this */
    public NeuralGLMEstimator setLabelCol(String v) { set(labelCol(), v); return this; }
    /** @param v the weight column ("" for none) @return this */
    public NeuralGLMEstimator setWeightCol(String v) { set(weightCol(), v); return this; }
    /** @param v the offset column ("" for none) @return this */
    public NeuralGLMEstimator setOffsetCol(String v) { set(offsetCol(), v); return this; }
    /** @param v the prediction column ("" for none) @return this */
    public NeuralGLMEstimator setPredictionCol(String v) { set(predictionCol(), v); return this; }
    /** @param v the class probabilities column (Categorical, Bernoulli; "" for none) @return this */
    public NeuralGLMEstimator setProbabilityCol(String v) { set(probabilityCol(), v); return this; }
    /** @param v the raw prediction column (Categorical, Bernoulli; "" for none) @return this */
    public NeuralGLMEstimator setRawPredictionCol(String v) { set(rawPredictionCol(), v); return this; }
    /** @param v the link prediction (eta) column (one-output families; "" for none) @return this */
    public NeuralGLMEstimator setLinkPredictionCol(String v) { set(linkPredictionCol(), v); return this; }
    /** @param v the family name @return this */
    public NeuralGLMEstimator setFamily(String v) { set(family(), v); return this; }
    /** @param v NegativeBinomial's alpha or Tweedie's power @return this */
    public NeuralGLMEstimator setFamilyParameter(double v) { set(familyParameter(), v); return this; }
    /** @param v canonical link for Gamma, Exponential, InverseGaussian @return this */
    public NeuralGLMEstimator setCanonicalLink(boolean v) { set(canonicalLink(), v); return this; }
    /** @param v hidden layer sizes @return this */
    public NeuralGLMEstimator setHiddenLayers(int... v) { set(hiddenLayers(), v.clone()); return this; }
    /** @param v activation name @return this */
    public NeuralGLMEstimator setActivation(String v) { set(activation(), v); return this; }
    /** @param v adam, sgd or lbfgs @return this */
    public NeuralGLMEstimator setOptimizer(String v) { set(optimizer(), v); return this; }
    /** @param v learning rate @return this */
    public NeuralGLMEstimator setLearningRate(double v) { set(learningRate(), v); return this; }
    /** @param v epoch limit @return this */
    public NeuralGLMEstimator setEpochs(int v) { set(epochs(), v); return this; }
    /** @param v rows per mini-batch, 0 for full batch @return this */
    public NeuralGLMEstimator setBatchSize(int v) { set(batchSize(), v); return this; }
    /** @param v seed @return this */
    public NeuralGLMEstimator setSeed(long v) { set(seed(), v); return this; }
    /** @param v whether to standardise the inputs @return this */
    public NeuralGLMEstimator setStandardization(boolean v) { set(standardization(), v); return this; }
    /** @param v the L2 penalty on the weights (&gt;= 0) @return this */
    public NeuralGLMEstimator setRegParam(double v) { set(regParam(), v); return this; }
    /** @param v the share of rows held out for early stopping (0: none) @return this */
    public NeuralGLMEstimator setValidationFraction(double v) { set(validationFraction(), v); return this; }
    /** @param v epochs without improvement before early stopping ends training @return this */
    public NeuralGLMEstimator setPatience(int v) { set(patience(), v); return this; }

    @Override
    public NeuralGLMEstimator copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        Schemas.requireVector(schema, getOrDefault(featuresCol()));
        final Family fam = family(getOrDefault(family()), this);
        if (fam.labelCoding() == Family.LabelCoding.ONE_HOT) {
            Schemas.requireClassIndices(schema, getOrDefault(labelCol()), fam.name());
        } else {
            Schemas.requireColumn(schema, getOrDefault(labelCol()), "label");
        }
        final String w = weightColOrNull();
        if (w != null) {
            Schemas.requireNumeric(schema, w, "weight");
        }
        requireOffset(schema, this, fam);
        return Schemas.withOutputs(schema, this, fam);
    }

    /**
     * @param schema the data's schema
     * @param p      the params (offsetCol)
     * @param fam    the family
     * @throws IllegalArgumentException when the offset column is set but absent or not numeric, or the family has
     *                                  several outputs
     */
    static void requireOffset(StructType schema, NeuralGLMParams p, Family fam) {
        final String o = p.offsetColOrNull();
        if (o == null) {
            return;
        }
        if (!fam.isScalar()) {
            throw new IllegalArgumentException("offsetCol '" + o + "' needs a one-output family; " + fam.name()
                    + " has one output per class");
        }
        Schemas.requireNumeric(schema, o, "offset");
    }

    @Override
    public NeuralGLMModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema(), true);
        final String features = getOrDefault(featuresCol()), label = getOrDefault(labelCol()), weight = weightColOrNull();
        final Family fam = family(getOrDefault(family()), this);
        if (fam.labelCoding() == Family.LabelCoding.ONE_HOT) {
            ClassIndices.requireInData(dataset, label);
        }
        final String offset = offsetColOrNull();
        final String[] names = inputNames(dataset, features, label, weight, offset);
        final Dataset<Row> table = table(dataset, features, names, label, weight, offset);
        final SparkTrainer.Fitted fitted = new SparkTrainer(fam)
                .withFeatures(names).withLabel(label).withWeight(weight).withOffset(offset)
                .withHidden(getOrDefault(hiddenLayers()))
                .withActivation(getOrDefault(activation()))
                .withOptimizer(optimizer(getOrDefault(optimizer()), (Double) getOrDefault(learningRate())))
                .withEpochs((Integer) getOrDefault(epochs()))
                .withBatchSize((Integer) getOrDefault(batchSize()))
                .withSeed((Long) getOrDefault(seed()))
                .withStandardize((Boolean) getOrDefault(standardization()))
                .withRegParam((Double) getOrDefault(regParam()))
                .withValidation((Double) getOrDefault(validationFraction()), (Integer) getOrDefault(patience()))
                .fitWithStatistics(table, GlmInference.Weights.PRIOR);   // GLR's degrees of freedom
        final NeuralGLMModel m = new NeuralGLMModel(uid, fitted.model());
        m.setSummary(new NeuralGLMTrainingSummary(fitted.statistics()));
        copyValues(m, copyValues$default$2());
        if (fam.labelCoding() == Family.LabelCoding.ONE_HOT) {
            m.set(m.numClasses(), ClassIndices.fromMetadata(dataset.schema(), label));
        }
        return m.setParent(this);
    }

    /**
     * The table {@link SparkTrainer} reads: one numeric column per element of the features vector (named {@code names}),
     * the label, weight and offset columns, and {@link Tables#ROW_ERROR} for a row without a vector.
     *
     * @param dataset  the rows
     * @param features the vector column
     * @param names    the elements' column names
     * @param label    the label column
     * @param weight   the weight column or null
     * @param offset   the offset column or null
     * @return the table
     */
    static Dataset<Row> table(Dataset<?> dataset, String features, String[] names, String label, String weight,
                              String offset) {
        final List<Column> cols = new ArrayList<>();
        final Column vector = functions.col(Schemas.quote(features));
        // (vector_to_array refuses null: a row without a vector gets null elements here, and the row error below)
        final Column array = functions.when(vector.isNotNull(), org.apache.spark.ml.functions.vector_to_array(vector, "float64"));
        for (int j = 0; j < names.length; j++) {
            cols.add(array.getItem(j).alias(names[j]));
        }
        cols.add(functions.col(Schemas.quote(label)).alias(label));
        if (weight != null) {
            cols.add(functions.col(Schemas.quote(weight)).alias(weight));
        }
        if (offset != null && !offset.equals(weight) && !offset.equals(label)) {
            cols.add(functions.col(Schemas.quote(offset)).alias(offset));
        }
        // a row without a vector is refused by the statistics pass, which returns the error (a raise_error here would
        // fail the task, and a cluster retries a failed task: spark.task.maxFailures, 4 by default)
        cols.add(functions.when(vector.isNull(), functions.lit("The features column '" + features + "' has a row without "
                + "a vector (null); every row needs one (a NaN element is imputed)")).alias(Tables.ROW_ERROR));
        return dataset.toDF().select(cols.toArray(new Column[0]));
    }

    /**
     * @param dataset the data
     * @param col     the vector column
     * @param label   the label column (a name to avoid)
     * @param weight  the weight column or null (a name to avoid)
     * @param offset  the offset column or null (a name to avoid)
     * @return one name per vector element: the ML attribute names when all are present and distinct, else
     *         {@code col[j]}
     */
    static String[] inputNames(Dataset<?> dataset, String col, String label, String weight, String offset) {
        final AttributeGroup group = AttributeGroup.fromStructField(dataset.schema().apply(col));
        int d = group.size();
        if (d < 0) {
            final Row first = dataset.toDF().select(Schemas.quote(col)).head();
            if (first == null || first.isNullAt(0)) {
                throw new IllegalArgumentException("Features column '" + col + "' has no size in its metadata and its first "
                        + "row has no vector");
            }
            d = ((Vector) first.get(0)).size();
        }
        if (d == 0) {
            throw new IllegalArgumentException("Features column '" + col + "' holds vectors of size 0");
        }
        final String[] names = new String[d];
        final Set<String> seen = new HashSet<>(List.of(label));
        if (weight != null) {
            seen.add(weight);
        }
        if (offset != null) {
            seen.add(offset);
        }
        boolean ok = group.attributes().isDefined();
        for (int j = 0; ok && j < d; j++) {
            final Attribute a = group.attributes().get()[j];
            ok = a.name().isDefined() && !a.name().get().isEmpty() && seen.add(a.name().get());
            names[j] = ok ? a.name().get() : null;
        }
        if (!ok) {
            for (int j = 0; j < d; j++) {
                names[j] = col + "[" + j + "]";
            }
        }
        return names;
    }

    /**
     * @param name   the family name
     * @param params where the family parameter and link choice are
     * @return the family
     */
    static Family family(String name, NeuralGLMParams params) {
        return Families.byName(name, (Double) params.getOrDefault(params.familyParameter()),
                (Boolean) params.getOrDefault(params.canonicalLink()));
    }

    private static Optimizer optimizer(String name, double lr) {
        return neuralglm.optim.Optimizers.byName(name, lr);
    }

    /** @return the reader of a saved estimator (its params) */
    public static MLReader<NeuralGLMEstimator> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * @param path where {@code write().save(path)} put it
     * @return the estimator
     */
    public static NeuralGLMEstimator load(String path) {
        return read().load(path);
    }
}
