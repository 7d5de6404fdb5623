/**
 * Predictive distributions of the families: the exact log density or mass, cdf, quantiles,
 * central prediction intervals and random draws of y given the fitted mean mu and dispersion phi
 * ({@link neuralglm.dist.ResponseDistribution}); dispersion estimates (Pearson, deviance, maximum-likelihood
 * negative binomial alpha, Gamma and Tweedie phi); and the special functions they need (log-gamma, incomplete
 * gamma and beta, the normal cdf and quantile), hand-written so that the engine depends on nothing but EJML.
 *
 * <p><b>Direction of imports.</b> {@code neuralglm.family} imports this package, not the other way round
 * for the maths: each family says which distribution it predicts ({@code Family.distribution}) and how
 * its maximum-likelihood dispersion is found, so the distribution classes, {@link neuralglm.dist.SpecialFunctions},
 * {@link neuralglm.dist.MaximumLikelihood} and {@link neuralglm.dist.Inversion} import nothing from
 * {@code family}; they are a leaf, like {@code neuralglm.linalg}. Only the fitted-model layer on top
 * ({@link neuralglm.dist.FittedDispersion}, {@link neuralglm.dist.DispersionEstimator},
 * {@link neuralglm.dist.DispersionSums} and the {@link neuralglm.dist.Distributions} entry point) takes
 * a {@code Family}, and it asks the family rather than testing its class: the class graph has no cycle,
 * and no list of families exists here (they are listed once, in {@code neuralglm.family.Families}).
 * This direction was chosen over the reverse (dist deciding per family) because a family is where a new
 * family's knowledge is written; a new family then touches no file in this package except its own
 * distribution class.
 */
package neuralglm.dist;
