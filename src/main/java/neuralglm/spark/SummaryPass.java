package neuralglm.spark;

import java.util.function.Function;

import neuralglm.family.Family;
import neuralglm.model.GlmInference;
import neuralglm.model.GlmSummary;
import neuralglm.model.Standardizer;
import neuralglm.model.TabularEncoder;
import neuralglm.nn.Parameters;
import neuralglm.nn.Sequential;
import neuralglm.train.TrainingResult;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The passes over the cached training rows that make a {@link TrainingStatistics}: one for the sums (for a GLM the
 * engine's {@link GlmInference#blockSums}: its information matrix X'WX, chi2, D, D0, sum w), one for the
 * log-likelihood at the dispersion the first gives. Each partition sums its rows; partitions are added exactly
 * ({@link ExactSum}), so the result does not depend on how Spark combines them. The maths are the engine's
 * ({@link GlmInference#fromSums} and its summary); this class only moves sums.
 */
final class SummaryPass {
    private final DistributedData data;
    private final Sequential net;
    private final Family family;
    private final int treeDepth;
    /** The null model's eta (with offsets, its intercept: {@link #nullIntercept}). */
    private final double[] nullEta;

    /**
     * @param nullEta the null model's eta, as training started from it: {@code family.nullEta} of the target means,
     *                or with offsets (rows carry them: every statistic is at {@code eta = net(x) + o}) the intercept
     *                of the intercept-only fit with them ({@link #nullIntercept})
     */
    SummaryPass(DistributedData data, Sequential net, Family family, int treeDepth, double[] nullEta) {
        this.nullEta = nullEta.clone();
        this.data = data;
        this.net = net;
        this.family = family;
        this.treeDepth = treeDepth;
    }

    /** One partition's sums, given the network's shape and parameters. */
    private interface PartSums extends java.io.Serializable {
        ExactSum of(PartitionData part, byte[] shape, double[] theta);
    }

    private double[] sum(PartSums sums) {
        final JavaSparkContext sc = JavaSparkContext.fromSparkContext(data.partitions.context());
        final Broadcast<byte[]> shape = sc.broadcast(FlatParameters.toBytes(net));
        final Broadcast<double[]> theta = sc.broadcast(Parameters.flatten(net.parameters()));
        try {
            return data.partitions.treeAggregate(ExactSum.ZERO,
                    (acc, part) -> acc.plus(sums.of(part, shape.value(), theta.value())), ExactSum::plus, treeDepth)
                    .toDoubles();
        } catch (Exception e) {   // Spark's checked SparkException is thrown undeclared
            throw SparkErrors.unwrap(e);
        } finally {
            shape.destroy();
            theta.destroy();
        }
    }

    /**
     * @param encoder the inputs' encoder (names and standardisation of the coefficients)
     * @param result  how training went (epochs, loss trace)
     * @param kind    how the weights are read (Spark's GeneralizedLinearRegression: PRIOR)
     * @return the statistics
     */
    TrainingStatistics run(TabularEncoder encoder, TrainingResult result, GlmInference.Weights kind) {
        final boolean glm = net.layers().size() == 1 && data.targets() == 1 && family.isScalar();
        if (glm) {
            try {
                return run(encoder, result, kind, true);
            } catch (IllegalArgumentException e) {
                // no information to invert (every row saturated: a separated Bernoulli): the fit statistics only
                final TrainingStatistics s = run(encoder, result, kind, false);
                return new TrainingStatistics(s.rows(), s.totalWeight(), s.observations(), s.deviance(), s.nullDeviance(),
                        s.pearsonChiSquare(), s.dispersion(), s.parameters(), s.residualDf(), s.nullDf(), s.logLikelihood(),
                        s.aic(), s.iterations(), s.objectiveHistory(), null, "the GLM's standard errors cannot be computed: "
                        + e.getMessage());
            }
        }
        return run(encoder, result, kind, false);
    }

    private TrainingStatistics run(TabularEncoder encoder, TrainingResult result, GlmInference.Weights kind, boolean glm) {
        final Family fam = family;
        final double[] nullEta = this.nullEta;
        final double[] s = sum((part, shape, theta) -> part.summarySums(shape, theta, fam, glm, nullEta));
        final int epochs = result.epochs();
        final double[] history = result.lossTrace();
        final boolean fixed = family.hasFixedDispersion();
        if (glm) {
            final GlmInference inference = GlmInference.fromSums(family, encoder.width(), s, kind);
            final double phi = fixed ? 1.0 : inference.pearsonDispersion();
            final double likelihoodPhi = inference.likelihoodDispersion(phi);
            final double logLik = logLikelihood(likelihoodPhi, kind);
            final String[] names = encoder.inputNames(), terms = new String[names.length + 1];
            terms[0] = "(Intercept)";
            System.arraycopy(names, 0, terms, 1, names.length);
            final GlmSummary g = inference.summary(GlmInference.coefficientsOf(net),
                    new Standardizer(encoder.centre(), encoder.scale()), terms, phi,
                    "Pearson chi-square / residual degrees of freedom", false, epochs, 0.95, logLik);
            final double totalWeight = s[s.length - 1];
            return new TrainingStatistics(data.rows(), totalWeight, g.observations(), g.deviance(), g.nullDeviance(),
                    g.pearsonChiSquare(), g.dispersion(), g.parametersCounted(), g.residualDf(), g.nullDf(),
                    g.logLikelihood(), g.aic(), epochs, history, g, null);
        }
        final double deviance = s[0], nullDeviance = s[1], totalWeight = s[2], positive = s[3];
        final double chi2 = data.targets() == 1 ? s[4] : Double.NaN;
        final boolean prior = kind == GlmInference.Weights.PRIOR || family.weightIsTrials();
        final double n = prior ? positive : totalWeight;
        final double phi = fixed ? 1.0 : chi2 / totalWeight;
        final int k = net.numParameters() + (fixed ? 0 : 1);
        final double logLik = data.targets() == 1
                ? logLikelihood(family.likelihoodDispersion(deviance, totalWeight, n, phi), kind) : Double.NaN;
        return new TrainingStatistics(data.rows(), totalWeight, n, deviance, nullDeviance, chi2, phi, k, Double.NaN,
                n - 1, logLik, -2 * logLik + 2 * k, epochs, history, null, data.targets() == 1
                ? "a network with hidden layers has no coefficient statistics" : "a model of several outputs ("
                + family.name() + ") has no coefficient statistics");
    }

    /**
     * The null model's eta on cached rows: {@code family.nullEta} of the weighted target means, or with offsets the
     * intercept of the intercept-only fit with them ({@link #nullIntercept}): where training starts and the summary's
     * null deviance is taken.
     *
     * @param data       the cached rows
     * @param family     the family
     * @param hasOffsets whether the rows carry offsets
     * @param treeDepth  the depth of Spark's tree aggregation
     * @return the null model's eta (one entry per output)
     */
    static double[] nullEta(DistributedData data, Family family, boolean hasOffsets, int treeDepth) {
        return hasOffsets ? new double[] {nullIntercept(data, family, treeDepth)} : family.nullEta(data.targetMeans());
    }

    /**
     * The intercept of the intercept-only model with the offsets, as the engine's
     * {@link neuralglm.family.Offsets#nullIntercept} fits it on one machine (R's null deviance with an offset): the same
     * {@link neuralglm.family.Offsets#fisherScoring} from the same start ({@link neuralglm.family.Offsets#fisherStart}),
     * each evaluation one pass over the cached rows, summed exactly; a constant offset c needs no iterations, {@code b = g(ybar) - c} (for offsets all 0
     * the bits of {@link Family#nullEta}, as on one machine). Training starts there ({@link SparkTrainer}) and the
     * summary's null model is there.
     *
     * @param data      the cached rows, with offsets
     * @param family    a one-output family
     * @param treeDepth the depth of Spark's tree aggregation
     * @return b
     */
    static double nullIntercept(DistributedData data, Family family, int treeDepth) {
        final double[] range;
        try {
            range = data.partitions.map(PartitionData::offsetRange)
                    .reduce((a, c) -> new double[] {Math.min(a[0], c[0]), Math.max(a[1], c[1])});
        } catch (Exception e) {   // Spark's checked SparkException is thrown undeclared
            throw SparkErrors.unwrap(e);
        }
        if (range[0] == range[1]) {   // a constant offset c: the closed form's intercept moved by c, as on one machine
            return family.nullEta(data.targetMeans())[0] - range[0];   // offsets of 0: nullEta's bits
        }
        final double sw = data.totalWeight();
        final double[] so = data.partitions.treeAggregate(ExactSum.ZERO, (acc, part) -> acc.plus(part.offsetSum()),
                ExactSum::plus, treeDepth).toDoubles();
        final double b = neuralglm.family.Offsets.fisherStart(family, sw, data.targetMeans()[0] * sw, so[0], so[1]);
        return neuralglm.family.Offsets.fisherScoring(b, at -> {
            final double[] sums = nullFitSums(data, family, treeDepth, at);   // {grad, info, nll, rows outside the domain}
            return new double[] {sums[0], sums[1], sums[3] > 0 ? Double.POSITIVE_INFINITY : sums[2]};
        });
    }

    private static double[] nullFitSums(DistributedData data, Family fam, int treeDepth, double b) {
        try {
            return data.partitions.treeAggregate(ExactSum.ZERO, (acc, part) -> acc.plus(part.nullFitSums(fam, b)),
                    ExactSum::plus, treeDepth).toDoubles();
        } catch (Exception e) {   // Spark's checked SparkException is thrown undeclared
            throw SparkErrors.unwrap(e);
        }
    }

    /** @return the log-likelihood: -Infinity when a row has density 0, NaN when the family has no density there */
    private double logLikelihood(double phi, GlmInference.Weights kind) {
        final Family fam = family;
        final double[] s = sum((part, shape, theta) -> part.logLikelihood(shape, theta, fam, phi, kind));
        return s.length == 0 || s[2] > 0 ? Double.NaN : s[1] > 0 ? Double.NEGATIVE_INFINITY : s[0];
    }
}
