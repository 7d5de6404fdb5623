# Generates the GLM reference fixtures used by neuralglm.model.GlmInferenceTest and
# weka.classifiers.functions.NeuralGLMInferenceTest (the tests never need R).
# Run from this directory:  Rscript make_fixtures.R      (R 4.2.2, MASS 7.3-58 made the committed files;
# the Insurance ones MASS 7.3-58.2)
# Each fit NAME writes NAME.arff (the data, instance weights in braces), NAME.design.csv (R's model
# matrix, y, prior weights), NAME.coef.csv (summary.glm's table plus a Wald interval with the test's
# quantile: t for an estimated dispersion, normal otherwise; NA for an aliased column) and
# NAME.stats.csv (deviances, df, logLik, AIC, BIC, dispersion, Pearson chi-square, theta).
suppressMessages(library(MASS))
options(digits = 17)

source("arff.R")

# dispersion: a fixed dispersion for summary.glm (NULL: the family's); loglik: the log-likelihood when the family's
# is not the model's (AIC and BIC then count the coefficients only)
dump <- function(name, fit, estimated, dispersion = NULL, loglik = NULL) {
  s <- summary(fit, dispersion = dispersion)
  b <- coef(fit)
  co <- s$coefficients
  q <- if (estimated) qt(0.975, fit$df.residual) else qnorm(0.975)
  out <- data.frame(term = names(b), estimate = b, se = NA, stat = NA, p = NA, lower = NA, upper = NA)
  keep <- !is.na(b)
  out$se[keep] <- co[, 2]
  out$stat[keep] <- co[, 3]
  out$p[keep] <- co[, 4]
  out$lower[keep] <- co[, 1] - q * co[, 2]
  out$upper[keep] <- co[, 1] + q * co[, 2]
  write.csv(out, paste0(name, ".coef.csv"), row.names = FALSE)
  ll <- if (is.null(loglik)) tryCatch(as.numeric(logLik(fit)), error = function(e) NA) else loglik
  aic <- if (is.null(loglik)) tryCatch(AIC(fit), error = function(e) NA) else -2 * loglik + 2 * fit$rank
  bic <- if (is.null(loglik)) tryCatch(BIC(fit), error = function(e) NA) else -2 * loglik + log(nobs(fit)) * fit$rank
  st <- c(deviance = fit$deviance, null.deviance = fit$null.deviance, df.residual = fit$df.residual,
          df.null = fit$df.null, rank = fit$rank, loglik = ll, aic = aic, bic = bic,
          dispersion = s$dispersion, pearson = sum(residuals(fit, type = "pearson")^2), iter = fit$iter,
          theta = if (is.null(fit$theta)) NA else fit$theta,
          se.theta = if (is.null(fit$SE.theta)) NA else fit$SE.theta)
  write.csv(data.frame(key = names(st), value = unname(st)), paste0(name, ".stats.csv"), row.names = FALSE)
  mm <- model.matrix(fit)
  w <- if (is.null(fit$prior.weights)) rep(1, nrow(mm)) else fit$prior.weights
  write.csv(data.frame(mm, check.names = TRUE, .y = fit$y, .w = w), paste0(name, ".design.csv"), row.names = FALSE)
}

# ?glm: Dobson (1990) p. 93, randomized controlled trial; Poisson, log link
counts <- c(18, 17, 15, 20, 10, 20, 25, 13, 12)
outcome <- gl(3, 1, 9)
treatment <- gl(3, 3)
dobson <- data.frame(outcome = factor(paste0("o", outcome)), treatment = factor(paste0("t", treatment)), counts = counts)
arff("dobson", dobson)
dump("dobson", glm(counts ~ outcome + treatment, family = poisson(), data = dobson), FALSE)

# ?glm: McCullagh & Nelder (1989) pp. 300-2, clotting times; Gamma, inverse link and log link
clotting <- data.frame(u = c(5, 10, 15, 20, 30, 40, 60, 80, 100),
                       lot1 = c(118, 58, 42, 35, 27, 25, 21, 19, 18))
clot <- data.frame(logu = log(clotting$u), lot1 = clotting$lot1)
arff("clotting", clot)
dump("clotting_inverse", glm(lot1 ~ logu, data = clot, family = Gamma), TRUE)
dump("clotting_log", glm(lot1 ~ logu, data = clot, family = Gamma(link = "log")), TRUE)

# Venables & Ripley (2002) MASS 4th ed. section 7.2, budworm; Binomial, logit link, 20 moths per batch
ldose <- rep(0:5, 2)
numdead <- c(1, 4, 9, 13, 18, 20, 0, 2, 6, 10, 12, 16)
sex <- factor(rep(c("M", "F"), c(6, 6)))
bud <- data.frame(sex = sex, ldose = ldose, ldoseM = ldose * (sex == "M"), dead = numdead / 20)
arff("budworm", bud, weights = rep(20, 12))
dump("budworm_main", glm(dead ~ sex + ldose, family = binomial, weights = rep(20, 12), data = bud), FALSE)
dump("budworm_sexldose", glm(dead ~ sex + ldose + ldoseM, family = binomial, weights = rep(20, 12), data = bud), FALSE)
dump("budworm_quasi", glm(dead ~ sex + ldose, family = quasibinomial, weights = rep(20, 12), data = bud), TRUE)

# MASS quine (Aitkin 1978): days absent; negative binomial by glm.nb (joint ML of beta and theta),
# Poisson and quasipoisson on the same main effects
q <- data.frame(Eth = quine$Eth, Sex = quine$Sex, Age = quine$Age, Lrn = quine$Lrn, Days = quine$Days)
arff("quine", q)
dump("quine_nb", glm.nb(Days ~ Eth + Sex + Age + Lrn, data = q), FALSE)
dump("quine_poisson", glm(Days ~ Eth + Sex + Age + Lrn, family = poisson, data = q), FALSE)
dump("quine_quasipoisson", glm(Days ~ Eth + Sex + Age + Lrn, family = quasipoisson, data = q), TRUE)

# mtcars: Gaussian with prior weights, a 3-level factor and an aliased column (wt2 = 2 wt)
m <- data.frame(cyl = factor(paste0("c", mtcars$cyl)), wt = mtcars$wt, wt2 = 2 * mtcars$wt, hp = mtcars$hp,
                mpg = mtcars$mpg)
pw <- mtcars$carb
arff("mtcars_prior", m, weights = pw)
dump("mtcars_prior", glm(mpg ~ cyl + wt + wt2 + hp, family = gaussian, weights = pw, data = m), TRUE)
dump("mtcars_unweighted", glm(mpg ~ cyl + wt + hp, family = gaussian, data = m), TRUE)

# MASS Insurance (Venables & Ripley 2002, section 7.3): motor claims with the number of policy holders as the
# exposure; Poisson, log link, offset(log(Holders)) (the factors unordered, for treatment coding, and renamed).
# NeuralGLM has no offset: the same model is the rate Claims / Holders with Holders as prior weights (the same
# score equations, Fisher information, deviance and Pearson chi-square), which R fits too (its log-likelihood and
# AIC are infinite there: dpois of a non-integer rate is 0)
ins <- data.frame(District = factor(paste0("d", Insurance$District)),
                  Group = factor(paste0("g", as.integer(Insurance$Group))),
                  Age = factor(paste0("a", as.integer(Insurance$Age))),
                  rate = Insurance$Claims / Insurance$Holders)
arff("insurance", ins, weights = Insurance$Holders)
cnt <- data.frame(ins[1:3], Claims = Insurance$Claims, Holders = Insurance$Holders)
dump("insurance_offset", glm(Claims ~ District + Group + Age + offset(log(Holders)), family = poisson, data = cnt),
     FALSE)
hold <- Insurance$Holders
dump("insurance_rate", suppressWarnings(glm(rate ~ District + Group + Age, family = poisson, weights = hold,
                                            data = ins)), FALSE)

# Inverse Gaussian on the clotting times (log link, and R's canonical 1/mu^2, which is -2 times NeuralGLM's
# canonical eta = -1/(2 mu^2)); the dispersion estimated (Pearson), t tests. IRLS to a relative deviance change
# of 1e-15: at glm's default 1e-8 it stops 1e-5 (relative) short of the maximum on these fits
tight <- glm.control(epsilon = 1e-15, maxit = 200)
dump("clotting_ig_log", glm(lot1 ~ logu, data = clot, family = inverse.gaussian(link = "log"), control = tight), TRUE)
dump("clotting_ig_canonical", glm(lot1 ~ logu, data = clot, family = inverse.gaussian(), control = tight), TRUE)

# Tweedie, variance power 1.5, log link (statmod 1.5.0's tweedie family: coefficients, standard errors with the
# Pearson dispersion, deviances; it has no AIC): compound Poisson-Gamma claims amounts with exact zeros
suppressMessages(library(statmod))
set.seed(20261203)
nt <- 120
tw <- data.frame(x1 = round(rnorm(nt), 4), x2 = factor(sample(c("u", "v", "w"), nt, replace = TRUE)))
mu <- exp(0.5 + 0.6 * tw$x1 - 0.4 * (tw$x2 == "v") + 0.3 * (tw$x2 == "w"))
phi <- 1.2; p <- 1.5
lambda <- mu^(2 - p) / (phi * (2 - p)); shape <- (2 - p) / (p - 1); scale <- phi * (p - 1) * mu^(p - 1)
counts <- rpois(nt, lambda)
tw$amount <- round(sapply(seq_len(nt), function(i) sum(rgamma(counts[i], shape = shape, scale = scale[i]))), 4)
arff("tweedie", tw)
dump("tweedie_log", glm(amount ~ x1 + x2, data = tw, family = tweedie(var.power = 1.5, link.power = 0), control = tight),
     TRUE)

# Exponential (NeuralGLM's family): R's Gamma with the dispersion fixed at 1 (summary.glm(dispersion = 1): z tests), log
# link, on the clotting times; its log-likelihood the exponential density's
fe <- glm(lot1 ~ logu, data = clot, family = Gamma(link = "log"), control = tight)
dump("clotting_exponential", fe, FALSE, dispersion = 1, loglik = sum(dexp(clot$lot1, 1 / fitted(fe), log = TRUE)))

# negative binomial with a given theta = 2 (alpha = 0.5): MASS's negative.binomial family on quine (glm.nb above
# estimates theta), with its dispersion 1 (summary.glm would estimate one for a family it does not know; MASS says to
# give dispersion = 1); the theta is not counted in AIC and BIC
dump("quine_nb_theta2", glm(Days ~ Eth + Sex + Age + Lrn, family = negative.binomial(2), data = q, control = tight),
     FALSE, dispersion = 1)

# Bernoulli (a nominal class of two values, the second the event): logistic regression of mtcars' transmission
ma <- data.frame(wt = mtcars$wt, hp = mtcars$hp, am = factor(ifelse(mtcars$am == 1, "manual", "automatic")))
arff("mtcars_am", ma)
dump("mtcars_am", glm(am ~ wt + hp, family = binomial, data = ma, control = tight), FALSE)

# Rates with an exposure for Gamma and Tweedie (log link), as the Insurance claims above for Poisson: R's offset fit
# of the total against NeuralGLM's fit of the rate total / exposure. For Gamma the rate keeps unit prior weights
# (y / e is Gamma with mean mu and the same shape), so every statistic but the likelihood is the offset fit's and the
# log-likelihood differs by the Jacobian, sum log e; for Tweedie (power p) the rate takes prior weights e^(2 - p)
# (the unit deviance d(e y, e mu) = e^(2 - p) d(y, mu), and so the Pearson terms). Synthetic: 80 policies' costs over
# their months of exposure
set.seed(20261204)
ne <- 80
ex <- data.frame(x1 = round(rnorm(ne), 4), x2 = factor(sample(c("a", "b", "c"), ne, replace = TRUE)),
                 months = round(runif(ne, 1, 24)))
emu <- exp(0.3 + 0.5 * ex$x1 + 0.4 * (ex$x2 == "b") - 0.2 * (ex$x2 == "c"))
ex$cost <- round(rgamma(ne, shape = 3, scale = emu * ex$months / 3), 4)
gr <- data.frame(ex[c("x1", "x2")], rate = ex$cost / ex$months)
arff("exposure_gamma", gr)
dump("exposure_gamma_offset", glm(cost ~ x1 + x2 + offset(log(months)), data = ex, family = Gamma(link = "log"),
                                  control = tight), TRUE)
dump("exposure_gamma_rate", glm(rate ~ x1 + x2, data = gr, family = Gamma(link = "log"), control = tight), TRUE)
p <- 1.5
lam <- (emu * ex$months)^(2 - p) / (1.2 * (2 - p))
claims <- rpois(ne, lam)
tsc <- 1.2 * (p - 1) * (emu * ex$months)^(p - 1)
ex$amount <- round(sapply(seq_len(ne), function(i) sum(rgamma(claims[i], shape = (2 - p) / (p - 1), scale = tsc[i]))), 4)
tr <- data.frame(ex[c("x1", "x2")], rate = ex$amount / ex$months)
tw2 <- ex$months^(2 - p)
arff("exposure_tweedie", tr, weights = tw2)
dump("exposure_tweedie_offset", glm(amount ~ x1 + x2 + offset(log(months)), data = ex,
                                    family = tweedie(var.power = 1.5, link.power = 0), control = tight), TRUE)

# Joint Wald tests of each term's coefficients (NAME.wald.csv): W = b' V^-1 b over the term's coefficients that are not
# aliased, computed here from coef and vcov; chi-square on their number q, and F = W / q on (q, residual df) for a
# dispersion that is estimated. Checked against car 3.1-1's Anova(type = 3, test.statistic = "Wald") (chi-square) and,
# for the Gaussian identity fits, against drop1(test = "F") (the F of refitting without the term); both for fits
# without an aliased column
suppressMessages(library(car))
wald <- function(name, fit) {
  b <- coef(fit)
  V <- vcov(fit, complete = TRUE)
  assign <- attr(model.matrix(fit), "assign")
  labels <- attr(terms(fit), "term.labels")
  rows <- lapply(seq_along(labels), function(k) {
    idx <- which(assign == k & !is.na(b))
    q <- length(idx)
    W <- if (q == 0) NA else as.numeric(t(b[idx]) %*% solve(V[idx, idx, drop = FALSE]) %*% b[idx])
    data.frame(term = labels[k], df = q, chisq = W, p.chisq = pchisq(W, q, lower.tail = FALSE),
               F = W / q, p.F = pf(W / q, q, fit$df.residual, lower.tail = FALSE))
  })
  out <- do.call(rbind, rows)
  if (!any(is.na(b))) {
    a <- car::Anova(fit, type = 3, test.statistic = "Wald")
    stopifnot(isTRUE(all.equal(unname(a[labels, "Chisq"]), out$chisq, tolerance = 1e-10)),
              isTRUE(all.equal(unname(a[labels, "Df"]), out$df)))
  }
  if (!any(is.na(b)) && family(fit)$family == "gaussian" && family(fit)$link == "identity") {
    d <- drop1(fit, test = "F")
    keep <- out$df > 0
    stopifnot(isTRUE(all.equal(unname(d[labels, "F value"])[keep], out$F[keep], tolerance = 1e-10)))
  }
  write.csv(out, paste0(name, ".wald.csv"), row.names = FALSE)
}
wald("dobson", glm(counts ~ outcome + treatment, family = poisson(), data = dobson))
wald("quine_poisson", glm(Days ~ Eth + Sex + Age + Lrn, family = poisson, data = q))
wald("quine_quasipoisson", glm(Days ~ Eth + Sex + Age + Lrn, family = quasipoisson, data = q))
wald("mtcars_prior", glm(mpg ~ cyl + wt + wt2 + hp, family = gaussian, weights = pw, data = m))
wald("mtcars_unweighted", glm(mpg ~ cyl + wt + hp, family = gaussian, data = m))
wald("insurance_offset", glm(Claims ~ District + Group + Age + offset(log(Holders)), family = poisson, data = cnt))

# Prediction intervals of a linear model for new rows (NAME.predict.csv): R's predict.lm(interval = "prediction") at
# 95%, with se.fit, and the log density of the t law of a new observation at a value y (a new row has weight 1:
# variance res.var + se.fit^2, as predict.lm assumes for a weighted fit); the last row extrapolates
newm <- data.frame(cyl = factor(c("c6", "c4", "c8", "c8", "c4"), levels = levels(m$cyl)), wt = c(2.62, 2.2, 3.44, 6, 1.5),
                   hp = c(110, 93, 175, 300, 52), mpg = c(21, 22.8, 18.7, 10, 35))
newm$wt2 <- 2 * newm$wt
lmpred <- function(name, fit) {
  pr <- suppressWarnings(predict(fit, newm, interval = "prediction", level = 0.95, se.fit = TRUE))
  s <- sqrt(pr$residual.scale^2 + pr$se.fit^2)
  out <- data.frame(newm[c("cyl", "wt", "wt2", "hp", "mpg")], fit = pr$fit[, "fit"], lwr = pr$fit[, "lwr"],
                    upr = pr$fit[, "upr"], se.fit = pr$se.fit, df = pr$df,
                    logdens = dt((newm$mpg - pr$fit[, "fit"]) / s, pr$df, log = TRUE) - log(s))
  write.csv(out, paste0(name, ".predict.csv"), row.names = FALSE)
}
lmpred("mtcars_unweighted", lm(mpg ~ cyl + wt + hp, data = m))
lmpred("mtcars_prior", lm(mpg ~ cyl + wt + wt2 + hp, weights = pw, data = m))

# drop1 (NAME.drop1.csv): the deviance, AIC and test of refitting without each term; test = "Chisq" (LRT) for a fixed
# dispersion, "F" for an estimated one. The first row is the full fit (<none>). drop1's AIC column takes the full fit's
# dispersion for every refit (exact for Poisson, binomial and Gaussian); aic.refit is each refit's own AIC,
# AIC(update(fit, . ~ . - term))
drop <- function(name, fit, test) {
  d <- drop1(fit, test = test)
  stat <- if (test == "F") d[["F value"]] else d[["LRT"]]
  p <- if (test == "F") d[["Pr(>F)"]] else d[["Pr(>Chi)"]]
  aic <- if (is.null(d$AIC)) NA else d$AIC
  refit <- sapply(rownames(d), function(t) if (t == "<none>") AIC(fit) else
    tryCatch(AIC(update(fit, as.formula(paste(". ~ . -", t)))), error = function(e) NA))
  out <- data.frame(term = rownames(d), df = d$Df, deviance = d$Deviance, aic = aic, stat = stat, p = p,
                    aic.refit = unname(refit))
  write.csv(out, paste0(name, ".drop1.csv"), row.names = FALSE)
}
drop("dobson", glm(counts ~ outcome + treatment, family = poisson(), data = dobson), "Chisq")
drop("quine_poisson", glm(Days ~ Eth + Sex + Age + Lrn, family = poisson, data = q), "Chisq")
drop("quine_quasipoisson", glm(Days ~ Eth + Sex + Age + Lrn, family = quasipoisson, data = q), "F")
drop("mtcars_unweighted", glm(mpg ~ cyl + wt + hp, family = gaussian, data = m), "F")
drop("clotting_log", glm(lot1 ~ logu, data = clot, family = Gamma(link = "log"), control = tight), "F")
drop("mtcars_am", glm(am ~ wt + hp, family = binomial, data = ma, control = tight), "Chisq")

# Multinomial logit (the Categorical family in GLM mode) against nnet 7.3-18's multinom, converged tightly
# (reltol 1e-14, maxit 1000), Hessian-based standard errors (vcov = solve(Hess)), z tests, Wald intervals; log odds
# against the first class. MASS's housing (Sat ~ Infl + Type + Cont, the frequencies as weights: Venables & Ripley
# section 7.3) and a synthetic set of numeric inputs. NAME.coef.csv lists the coefficients class by class.
suppressMessages(library(nnet))
mdump <- function(name, fit) {
  b <- coef(fit)
  V <- vcov(fit)
  est <- as.vector(t(b))
  se <- sqrt(diag(V))
  terms <- as.vector(t(outer(rownames(b), colnames(b), paste, sep = ": ")))
  z <- est / se
  q <- qnorm(0.975)
  out <- data.frame(term = terms, estimate = est, se = unname(se), stat = unname(z), p = unname(2 * pnorm(-abs(z))),
                    lower = unname(est - q * se), upper = unname(est + q * se))
  write.csv(out, paste0(name, ".coef.csv"), row.names = FALSE)
  st <- c(deviance = deviance(fit), aic = AIC(fit), edf = fit$edf, loglik = as.numeric(logLik(fit)))
  write.csv(data.frame(key = names(st), value = unname(st)), paste0(name, ".stats.csv"), row.names = FALSE)
  # joint Wald tests of each variable over all classes (W = b' V^-1 b, chi-square)
  vars <- attr(terms(fit), "term.labels")
  assign <- attr(model.matrix(fit), "assign")
  cols <- colnames(b)
  rows <- lapply(seq_along(vars), function(k) {
    idx <- which(sub("^[^:]*: ", "", terms) %in% cols[assign == k])
    W <- as.numeric(t(est[idx]) %*% solve(V[idx, idx]) %*% est[idx])
    data.frame(term = vars[k], df = length(idx), chisq = W, p.chisq = pchisq(W, length(idx), lower.tail = FALSE),
               F = NA, p.F = NA)
  })
  write.csv(do.call(rbind, rows), paste0(name, ".wald.csv"), row.names = FALSE)
}
hs <- data.frame(Infl = factor(housing$Infl, ordered = FALSE), Type = housing$Type,
                 Cont = factor(housing$Cont, ordered = FALSE), Sat = factor(housing$Sat, ordered = FALSE))
arff("housing", hs, weights = housing$Freq)
mdump("housing_multinom", multinom(Sat ~ Infl + Type + Cont, weights = Freq, data = data.frame(hs, Freq = housing$Freq),
                                   Hess = TRUE, maxit = 1000, reltol = 1e-14, trace = FALSE))
set.seed(20261205)
nm <- 300
mn <- data.frame(x1 = round(rnorm(nm), 4), x2 = round(runif(nm, 0, 10), 4))
lp <- cbind(0, 0.4 + 0.8 * mn$x1 - 0.1 * mn$x2, -0.5 - 0.3 * mn$x1 + 0.2 * mn$x2)
pr <- exp(lp) / rowSums(exp(lp))
mn$grade <- factor(apply(pr, 1, function(p) sample(c("a", "b", "c"), 1, prob = p)), levels = c("a", "b", "c"))
arff("multinom3", mn)
mdump("multinom3", multinom(grade ~ x1 + x2, data = mn, Hess = TRUE, maxit = 1000, reltol = 1e-14, trace = FALSE))

# the multinomial logit without each variable (nnet's drop1 fails on weighted fits: update() does it here), the
# layout of drop()'s NAME.drop1.csv
mdrop <- function(name, fit) {
  vars <- attr(terms(fit), "term.labels")
  rows <- lapply(vars, function(v) {
    g <- update(fit, as.formula(paste(". ~ . -", v)))
    lrt <- deviance(g) - deviance(fit)
    df <- fit$edf - g$edf
    data.frame(term = v, df = df, deviance = deviance(g), aic = AIC(g), stat = lrt,
               p = pchisq(lrt, df, lower.tail = FALSE), aic.refit = AIC(g))
  })
  out <- rbind(data.frame(term = "<none>", df = NA, deviance = deviance(fit), aic = AIC(fit), stat = NA, p = NA,
                          aic.refit = AIC(fit)), do.call(rbind, rows))
  write.csv(out, paste0(name, ".drop1.csv"), row.names = FALSE)
}
hsf <- data.frame(hs, Freq = housing$Freq)
mdrop("housing_multinom", multinom(Sat ~ Infl + Type + Cont, weights = Freq, data = hsf, maxit = 1000, reltol = 1e-14,
                                   trace = FALSE))

# Confidence intervals of the mean at new rows (NAME.meanci.csv): predict(type = "link", se.fit = TRUE), the Wald
# interval on the link scale (t quantile on the residual df for an estimated dispersion, else normal) through the
# inverse link, at 95%
meanci <- function(name, fit, newdata, estimated) {
  pr <- predict(fit, newdata, type = "link", se.fit = TRUE)
  q <- if (estimated) qt(0.975, fit$df.residual) else qnorm(0.975)
  inv <- family(fit)$linkinv
  a <- inv(pr$fit - q * pr$se.fit); b <- inv(pr$fit + q * pr$se.fit)
  write.csv(data.frame(newdata, eta = pr$fit, se = pr$se.fit, lower = pmin(a, b), upper = pmax(a, b)),
            paste0(name, ".meanci.csv"), row.names = FALSE)
}
meanci("dobson", glm(counts ~ outcome + treatment, family = poisson(), data = dobson),
       data.frame(outcome = factor(c("o1", "o2", "o3"), levels = levels(dobson$outcome)),
                  treatment = factor(c("t3", "t1", "t2"), levels = levels(dobson$treatment))), FALSE)
meanci("clotting_log", glm(lot1 ~ logu, data = clot, family = Gamma(link = "log"), control = tight),
       data.frame(logu = log(c(7, 50, 150))), TRUE)
meanci("mtcars_am", glm(am ~ wt + hp, family = binomial, data = ma, control = tight),
       data.frame(wt = c(2.2, 3.1, 4.5), hp = c(90, 150, 250)), FALSE)
