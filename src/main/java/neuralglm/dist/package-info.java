/**
 * Predictive distributions of the families: the exact log density or mass, cdf, quantiles,
 * central prediction intervals and random draws of y given the fitted mean mu and dispersion phi
 * ({@link neuralglm.dist.Distributions#of}); dispersion estimates (Pearson, deviance, maximum-likelihood
 * negative binomial alpha and Gamma phi); and the special functions they need (log-gamma, incomplete gamma and beta,
 * the normal cdf and quantile), hand-written so that the engine depends on nothing but EJML.
 */
package neuralglm.dist;
