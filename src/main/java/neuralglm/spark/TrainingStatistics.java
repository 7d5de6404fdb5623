package neuralglm.spark;

import java.io.Serializable;

import neuralglm.model.GlmSummary;

/**
 * A model's goodness of fit over its training rows, summed on the cluster after training
 * ({@link SparkTrainer#fitWithStatistics}), as a GLM summary reports it. No Spark types.
 * <pre>
 *   rows                labelled training rows;  totalWeight = sum w
 *   observations        n: rows with w &gt; 0 (prior weights, R's and Spark GLR's degrees of freedom) or sum w
 *                       (frequency weights)
 *   deviance            D  = sum w_i d(y_i, mu_i)
 *   nullDeviance        D0 = sum w_i d(y_i, ybar)   (the intercept-only model, ybar the weighted mean)
 *   pearsonChiSquare    chi2 = sum w_i (y_i - mu_i)^2 / V(mu_i)   (one-output families)
 *   dispersion          phi: 1 where the family fixes it; else, for a GLM chi2 / (n - rank) (as GLR), for a network
 *                       chi2 / sum w (the model's predictive dispersion: a network's parameter count is not its
 *                       degrees of freedom)
 *   parameters          k, the parameters AIC counts: the GLM's rank, or the network's parameter count, +1 for an
 *                       estimated dispersion
 *   residualDf          n - rank for a GLM, NaN for a network;  nullDf = n - 1
 *   logLikelihood, aic  log L at R's family$aic dispersion ({@link neuralglm.family.Family#likelihoodDispersion}),
 *                       AIC = -2 log L + 2 k; NaN for Categorical and where the family has no density
 * </pre>
 *
 * @param rows             labelled training rows
 * @param totalWeight      sum w
 * @param observations     n
 * @param deviance         D
 * @param nullDeviance     D0
 * @param pearsonChiSquare chi2 (NaN for several outputs)
 * @param dispersion       phi
 * @param parameters       k
 * @param residualDf       n - rank (NaN for a network)
 * @param nullDf           n - 1
 * @param logLikelihood    log L
 * @param aic              AIC
 * @param iterations       the epochs trained
 * @param objectiveHistory the loss trace (mean NLL per epoch, {@link neuralglm.train.TrainingResult#lossTrace})
 * @param glm              a GLM's coefficient table and inference; null for a network or several outputs
 * @param noInference      why {@code glm} is null, in words; null when it is not
 */
public record TrainingStatistics(long rows, double totalWeight, double observations, double deviance, double nullDeviance,
                                 double pearsonChiSquare, double dispersion, int parameters, double residualDf,
                                 double nullDf, double logLikelihood, double aic, int iterations,
                                 double[] objectiveHistory, GlmSummary glm, String noInference) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @return the loss trace (a copy) */
    @Override
    public double[] objectiveHistory() {
        return objectiveHistory.clone();
    }
}
