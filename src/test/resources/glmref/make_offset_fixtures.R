# Generates the offset fixtures used by neuralglm.train.OffsetGlmTest and
# weka.classifiers.functions.NeuralGLMOffsetTest (the tests never need R).
# Run from this directory:  Rscript make_offset_fixtures.R      (R 4.2.2, MASS 7.3-58.2)
# Each fit NAME writes NAME.arff (the data, with the offset as a numeric attribute), NAME.design.csv (R's model
# matrix, y, prior weights, offset), NAME.coef.csv (summary.glm's table and Wald intervals), NAME.stats.csv
# (deviance, null deviance: R fits the intercept-only model with the offset, df, logLik, AIC, dispersion, Pearson
# chi-square) and NAME.predict.csv (new rows with their offsets: predict(type = "link", se.fit = TRUE), the mean and
# the 95% Wald interval of the mean, g^-1(eta -+ q se)).
suppressMessages(library(MASS))
options(digits = 17)
tight <- glm.control(epsilon = 1e-15, maxit = 200)

source("arff.R")

dump <- function(name, fit, estimated, newdata) {
  s <- summary(fit)
  b <- coef(fit)
  co <- s$coefficients
  q <- if (estimated) qt(0.975, fit$df.residual) else qnorm(0.975)
  out <- data.frame(term = names(b), estimate = b, se = co[, 2], stat = co[, 3], p = co[, 4],
                    lower = co[, 1] - q * co[, 2], upper = co[, 1] + q * co[, 2])
  write.csv(out, paste0(name, ".coef.csv"), row.names = FALSE)
  st <- c(deviance = fit$deviance, null.deviance = fit$null.deviance, df.residual = fit$df.residual,
          df.null = fit$df.null, rank = fit$rank, loglik = as.numeric(logLik(fit)), aic = AIC(fit), bic = BIC(fit),
          dispersion = s$dispersion, pearson = sum(residuals(fit, type = "pearson")^2), iter = fit$iter,
          theta = NA, se.theta = NA)
  write.csv(data.frame(key = names(st), value = unname(st)), paste0(name, ".stats.csv"), row.names = FALSE)
  mm <- model.matrix(fit)
  write.csv(data.frame(mm, check.names = TRUE, .y = fit$y, .w = fit$prior.weights, .offset = fit$offset),
            paste0(name, ".design.csv"), row.names = FALSE)
  pr <- predict(fit, newdata, type = "link", se.fit = TRUE)
  linv <- fit$family$linkinv
  a <- linv(pr$fit - q * pr$se.fit)
  z <- linv(pr$fit + q * pr$se.fit)
  write.csv(data.frame(newdata, eta = pr$fit, se.eta = pr$se.fit, mu = linv(pr$fit), lower = pmin(a, z),
                       upper = pmax(a, z)), paste0(name, ".predict.csv"), row.names = FALSE)
}

# MASS Insurance (Venables & Ripley 2002, section 7.3): motor claims, Poisson, log link, offset(log(Holders))
# (the factors unordered, for treatment coding, and renamed); logHolders is the offset attribute
ins <- data.frame(District = factor(paste0("d", Insurance$District)),
                  Group = factor(paste0("g", as.integer(Insurance$Group))),
                  Age = factor(paste0("a", as.integer(Insurance$Age))),
                  logHolders = log(Insurance$Holders),
                  Claims = Insurance$Claims)
arff("insurance_exposure", ins)
newi <- data.frame(District = factor(c("d1", "d4", "d2", "d3"), levels = levels(ins$District)),
                   Group = factor(c("g1", "g4", "g3", "g2"), levels = levels(ins$Group)),
                   Age = factor(c("a4", "a1", "a2", "a3"), levels = levels(ins$Age)),
                   logHolders = log(c(100, 7.5, 1, 2500)), Claims = c(5, 2, 0, 300))
dump("insurance_exposure", glm(Claims ~ District + Group + Age + offset(logHolders), family = poisson, data = ins,
                               control = tight), FALSE, newi)

# Gamma, log link, offset log(months): 80 policies' costs over their months of exposure (synthetic, as in
# make_fixtures.R); the dispersion estimated (Pearson), t tests
set.seed(20261204)
ne <- 80
ex <- data.frame(x1 = round(rnorm(ne), 4), x2 = factor(sample(c("a", "b", "c"), ne, replace = TRUE)),
                 months = round(runif(ne, 1, 24)))
emu <- exp(0.3 + 0.5 * ex$x1 + 0.4 * (ex$x2 == "b") - 0.2 * (ex$x2 == "c"))
ex$cost <- round(rgamma(ne, shape = 3, scale = emu * ex$months / 3), 4)
gd <- data.frame(x1 = ex$x1, x2 = ex$x2, logMonths = log(ex$months), cost = ex$cost)
arff("gamma_exposure", gd)
newg <- data.frame(x1 = c(0.5, -1.2, 2.5), x2 = factor(c("a", "c", "b"), levels = levels(gd$x2)),
                   logMonths = log(c(12, 1, 30)), cost = c(10, 2, 50))
dump("gamma_exposure", glm(cost ~ x1 + x2 + offset(logMonths), family = Gamma(link = "log"), data = gd,
                           control = tight), TRUE, newg)

# Binomial (Bernoulli 0/1 class), logit link, a known offset per row (synthetic): z tests
set.seed(20261205)
nb <- 120
bd <- data.frame(x1 = round(rnorm(nb), 4), x2 = round(runif(nb, -1, 1), 4), off = round(rnorm(nb, 0, 0.8), 4))
bd$y <- factor(ifelse(runif(nb) < plogis(-0.4 + 0.9 * bd$x1 - 0.7 * bd$x2 + bd$off), "yes", "no"), levels = c("no", "yes"))
arff("logit_offset", bd)
newb <- data.frame(x1 = c(0.3, -2), x2 = c(0.5, -0.9), off = c(1.5, -0.25),
                   y = factor(c("yes", "no"), levels = c("no", "yes")))
dump("logit_offset", glm(y ~ x1 + x2, offset = off, family = binomial, data = bd, control = tight), FALSE, newb)
