# Generates NAME.anova.csv, R's sequential analysis of deviance, for weka.classifiers.functions.NeuralGLMInferenceTest's
# -anova test (the tests never need R). Run from this directory:  Rscript make_anova_fixtures.R   (R 4.2.2 made the
# committed files). The data are the committed ARFF files (read by foreign::read.arff; these fits have no instance
# weights), the terms in the files' attribute order, as -anova adds them. One row per model: NULL (the intercept-only
# model; with an offset, its fit with the offset), then each term: Df, the deviance it removes, the residual df and
# deviance after it, and the test: "Chisq" (deviance / dispersion, chi-square on Df) for a fixed dispersion, "F"
# ((deviance / Df) / dispersion, on Df and the full fit's residual df) for an estimated one, the dispersion the full
# fit's Pearson estimate (summary(fit)$dispersion), as anova.glm takes it.
suppressMessages(library(foreign))
options(digits = 17)
tight <- glm.control(epsilon = 1e-15, maxit = 200)

av <- function(name, fit, test) {
  a <- anova(fit, test = test)
  stat <- if (test == "F") a[["F"]] else a[["Deviance"]]
  p <- if (test == "F") a[["Pr(>F)"]] else a[["Pr(>Chi)"]]
  out <- data.frame(term = rownames(a), df = a$Df, deviance = a$Deviance, resid.df = a[["Resid. Df"]],
                    resid.dev = a[["Resid. Dev"]], stat = stat, p = p)
  write.csv(out, paste0(name, ".anova.csv"), row.names = FALSE)
}

dobson <- read.arff("dobson.arff")
av("dobson", glm(counts ~ outcome + treatment, family = poisson, data = dobson, control = tight), "Chisq")
q <- read.arff("quine.arff")
av("quine_poisson", glm(Days ~ Eth + Sex + Age + Lrn, family = poisson, data = q, control = tight), "Chisq")
av("quine_quasipoisson", glm(Days ~ Eth + Sex + Age + Lrn, family = quasipoisson, data = q, control = tight), "F")
m <- read.arff("mtcars_prior.arff")
av("mtcars_unweighted", glm(mpg ~ cyl + wt + hp, family = gaussian, data = m), "F")
ma <- read.arff("mtcars_am.arff")
av("mtcars_am", glm(am ~ wt + hp, family = binomial, data = ma, control = tight), "Chisq")
ins <- read.arff("insurance_exposure.arff")
av("insurance_exposure", glm(Claims ~ District + Group + Age + offset(logHolders), family = poisson, data = ins,
                             control = tight), "Chisq")
gd <- read.arff("gamma_exposure.arff")
av("gamma_exposure", glm(cost ~ x1 + x2 + offset(logMonths), family = Gamma(link = "log"), data = gd, control = tight),
   "F")
