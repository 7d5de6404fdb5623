# Reference values for NeuralGLMFuzzRegressionTest: small data sets on which scripts/glm_fuzz.R (the randomised
# comparison of NeuralGLM's GLM mode with R's glm) found a disagreement. The data are literal here and in the test;
# run from this directory: Rscript fuzz_regressions.R   (R 4.2.2; prints the numbers the test holds)
options(digits = 17)
show <- function(fit) {
  s <- summary(fit)
  print(coef(fit))
  print(s$coefficients[, 1:2])
  print(c(rank = fit$rank, df.residual = fit$df.residual, df.null = fit$df.null, deviance = fit$deviance,
          null.deviance = fit$null.deviance, aic = AIC(fit)))
}

# 1. A separated Binomial fit (fuzz case 196 of seed 1, reduced): x separates the proportions 0 from the 1s, 5 trials
# each. R warns (fitted probabilities numerically 0 or 1) and stops where the deviance is 5.6e-10 and the Pearson
# chi-square 2.8e-10; NeuralGLM's build failed: rows fitted at mu = 1 in double made Pearson's (y - mu)^2 / V(mu) 0/0.
sep <- data.frame(x = 1:6, y = c(0, 0, 0, 1, 1, 1))
fit <- glm(y ~ x, family = binomial, weights = rep(5, 6), data = sep)
print(c(null.deviance = fit$null.deviance, deviance = fit$deviance, df.residual = fit$df.residual, rank = fit$rank,
        pearson = sum(residuals(fit, type = "pearson")^2)))
