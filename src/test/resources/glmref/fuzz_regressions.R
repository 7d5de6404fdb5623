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

# 2. Rank at most the rows of positive weight (fuzz case 918 of seed 100000): a Binomial fit of 4 proportions (and a
# row of 0 trials) on 9 columns. R's rank is 4, every column after x3 aliased, residual df 0; NeuralGLM kept f1=b too
# (rank 5, residual df -1: the information's Cholesky left it above the alias tolerance).
rank4 <- data.frame(x1 = c(-0.344, -1.54, 1.496, -0.374, -1.288), x2 = c(6.731, 5.004, 4.968, 3.956, 4.608),
                    x3 = c(1.909, -0.676, 0.573, -1.158, -0.485),
                    f1 = factor(c("b", "c", "c", "c", "b"), levels = c("a", "b", "c")),
                    f2 = factor(c("d", "c", "b", "a", "d"), levels = c("a", "b", "c", "d")),
                    y = c(13 / 17, 1 / 3, 6 / 11, 2 / 18, 0.51), trials = c(17, 3, 11, 18, 0))
# every declared value's column, as NeuralGLM codes them (glm's model frame would drop the unused value f1 = a)
d <- data.frame(model.matrix(~ x1 + x2 + x3 + f1 + f2, rank4)[, -1], y = rank4$y, trials = rank4$trials)
show(glm(y ~ x1 + x2 + x3 + f1b + f1c + f2b + f2c + f2d, family = binomial, weights = trials, data = d))

# 3. A row of weight 0 adds 0 to the deviances (fuzz case 25 of seed 100000, reduced): every Binomial row with trials
# is a success, so the null model's mu is 1, and a proportion 0.5 of 0 trials has an infinite NLL there. R's null
# deviance is then NaN (0 * Inf), its fit without that row has 0, as every other statistic of both fits agrees.
zw <- data.frame(x = 1:5, y = c(1, 1, 1, 1, 0.5), trials = c(5, 3, 4, 5, 0))
print(glm(y ~ x, family = binomial, weights = trials, data = zw)$null.deviance)
fit <- glm(y ~ x, family = binomial, weights = trials, data = zw[zw$trials > 0, ])
print(c(null.deviance = fit$null.deviance, df.null = fit$df.null, df.residual = fit$df.residual))

# 4. A row of weight 0 does not constrain the fit (fuzz cases 2043 and 2490 of seed 200000, reduced): under the
# canonical Gamma link the fit puts the zero-weight row at x = -10 outside the link's domain (R's 1/mu < 0). glm
# checks eta on every row and finds no valid coefficients; R on the rows of positive weight is the fit. NeuralGLM's
# L-BFGS met an infinite NLL there (0 * Inf = NaN in the loss) and stopped as converged at deviance 0.458.
gz <- data.frame(x = c(1:6, -10), y = c(1.3, 0.85, 0.7, 0.52, 0.5, 0.4, 1), w = c(rep(1, 6), 0))
print(tryCatch(glm(y ~ x, family = Gamma, data = gz, weights = w), error = function(e) conditionMessage(e)))
fit <- glm(y ~ x, family = Gamma, data = gz[gz$w > 0, ], control = glm.control(epsilon = 1e-14, maxit = 100))
print(summary(fit)$coefficients[, 1:2])
print(c(deviance = fit$deviance, null.deviance = fit$null.deviance, dispersion = summary(fit)$dispersion,
        df.residual = fit$df.residual, aic = AIC(fit)))
