# Randomised differential testing of NeuralGLM's GLM mode (-hidden none) against R's glm. Driven by
# scripts/glm_fuzz.sh; two modes:
#
#   Rscript scripts/glm_fuzz.R generate DIR N SEED   writes DIR/case_I.arff (I = 1..N), DIR/cases.tsv (one line per
#                                                    case: id, NeuralGLM options, what R did) and R's fit of each case,
#                                                    DIR/case_I.r.coef.csv and DIR/case_I.r.stats.csv
#   Rscript scripts/glm_fuzz.R compare DIR           reads NeuralGLM's DIR/case_I.j.coef.csv and .j.stats.csv
#                                                    (written by neuralglm.fuzz.GlmFuzz) and prints every
#                                                    disagreement, one line each, then a count by kind
#
# A third of the cases also take -drop-tests (against R's fits without each attribute, drop1's) and a third -anova
# (against R's fits of the attributes added in order, anova's). Each case draws, from its own seed (SEED + I): n from 3 to 200 rows; 0-4 numeric attributes (sometimes a
# constant one, sometimes a copy 2 x1 + x2 that R aliases); 0-2 nominal attributes of 2-4 values (some rare, some
# declared but unused, sometimes one value only); instance weights (none, positive non-integer, some zero, or whole
# numbers; read as R's prior weights, -weights Prior; whole numbers are also compared as Frequency weights against R's
# fit of the rows repeated); sometimes an offset attribute; a family and a link that both NeuralGLM and R have. R fits
# with IRLS to a relative deviance change of 1e-12. Missing values are not generated (R drops such rows, NeuralGLM
# imputes them: a documented difference).
suppressMessages(library(MASS))
options(digits = 17, warn = 1)

source(file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE)[1])),
                 "../src/test/resources/glmref/arff.R"))

# family name -> NeuralGLM's -family argument, R's family, R's eta over NeuralGLM's (-1 for R's 1/mu against
# -1/mu, -2 for 1/mu^2 against -1/(2 mu^2)), whether the dispersion is estimated
families <- list(
  gaussian = list(j = "Gaussian", r = function() gaussian(), factor = 1, est = TRUE),
  bernoulli = list(j = "Bernoulli", r = function() binomial(), factor = 1, est = FALSE),
  binomial = list(j = "Binomial", r = function() binomial(), factor = 1, est = FALSE),
  poisson = list(j = "Poisson", r = function() poisson(), factor = 1, est = FALSE),
  gamma_log = list(j = "Gamma -link log", r = function() Gamma(link = "log"), factor = 1, est = TRUE),
  gamma_inverse = list(j = "Gamma -link canonical", r = function() Gamma(link = "inverse"), factor = -1, est = TRUE),
  ig_log = list(j = "InverseGaussian -link log", r = function() inverse.gaussian(link = "log"), factor = 1, est = TRUE),
  ig_canonical = list(j = "InverseGaussian -link canonical", r = function() inverse.gaussian(), factor = -2,
                      est = TRUE),
  exponential = list(j = "Exponential -link log", r = function() Gamma(link = "log"), factor = 1, est = FALSE),
  negbin = list(j = NA, r = NA, factor = 1, est = FALSE))

draw_case <- function(seed) {
  set.seed(seed)
  fam <- sample(names(families), 1)
  n <- sample(c(3:12, sample(13:200, 1)), 1, prob = c(rep(0.3 / 10, 10), 0.7))
  df <- data.frame(row.names = seq_len(n))
  eta <- rep(0, n)
  nnum <- sample(0:4, 1)
  for (k in seq_len(nnum)) {
    x <- round(rnorm(n, sample(c(0, 5), 1), sample(c(1, 10), 1)), 3)
    df[[paste0("x", k)]] <- x
    eta <- eta + rnorm(1, 0, 0.3) * (x - mean(x)) / max(sd(x), 1e-8)
  }
  if (nnum >= 2 && runif(1) < 0.15) df$xc <- 2 * df$x1 + df$x2          # aliased: R gives NA
  if (runif(1) < 0.1) df$xk <- rep(round(rnorm(1), 3), n)              # constant: R NA, NeuralGLM drops it
  nnom <- sample(0:2, 1, prob = c(0.4, 0.4, 0.2))
  for (k in seq_len(nnom)) {
    lv <- letters[seq_len(sample(2:4, 1))]
    kind <- sample(c("even", "rare", "unused", "unusedfirst", "single"), 1, prob = c(0.5, 0.2, 0.12, 0.1, 0.08))
    pr <- switch(kind, even = rep(1, length(lv)), rare = c(rep(1, length(lv) - 1), 0.05),
                 unused = c(rep(1, length(lv) - 1), 0), unusedfirst = c(0, rep(1, length(lv) - 1)),
                 single = c(0, 1, rep(0, length(lv) - 2)))
    f <- factor(sample(lv, n, replace = TRUE, prob = pr / sum(pr)), levels = lv)
    df[[paste0("f", k)]] <- f
    eta <- eta + rnorm(length(lv), 0, 0.4)[as.integer(f)]
  }
  wkind <- sample(c("none", "positive", "zeros", "integer"), 1, prob = c(0.4, 0.25, 0.15, 0.2))
  w <- switch(wkind, none = NULL, positive = round(runif(n, 0.2, 3), 3),
              zeros = round(runif(n, 0.2, 3), 3) * (runif(n) > 0.25), integer = sample(1:4, n, replace = TRUE))
  if (wkind == "zeros" && n > 1) w[sample(n, 1)] <- 1.5                 # not all zero
  if (fam == "binomial") {                                              # the weight is the number of trials
    w <- sample(c(1:20), n, replace = TRUE)
    if (runif(1) < 0.3) w[sample(n, max(1, n %/% 5))] <- 0
    if (all(w == 0)) w[1] <- 5
    wkind <- "trials"
  }
  off <- NULL
  if (runif(1) < 0.25) {
    off <- round(rnorm(n, 0, 0.3), 3)
    df$off <- off
  }
  o <- if (is.null(off)) 0 else off
  sep <- fam %in% c("bernoulli", "binomial") && runif(1) < 0.1 && nnum > 0
  y <- switch(fam,
    gaussian = round(2 + eta + o + rnorm(n, 0, sample(c(0.1, 1, 5), 1)), 4),
    bernoulli = {
      p <- plogis(eta + o + if (sep) 8 * df$x1 else 0)
      factor(ifelse(runif(n) < p, "yes", "no"), levels = c("no", "yes"))
    },
    binomial = {
      p <- plogis(eta + o + if (sep) 8 * df$x1 else 0)
      ifelse(w > 0, rbinom(n, w, p) / pmax(w, 1), round(runif(n), 2))
    },
    poisson = rpois(n, exp(1 + eta + o)),
    negbin = rnbinom(n, mu = exp(1 + eta + o), size = 2),
    exponential = round(rexp(n, 1 / exp(1 + eta + o)), 5) + 1e-4,
    gamma_log = round(rgamma(n, shape = 4, scale = exp(1 + eta + o) / 4), 5) + 1e-4,
    gamma_inverse = round(rgamma(n, shape = 4, scale = 1 / (1 + 0.2 * plogis(eta) + 0.1 * o^2) / 4), 5) + 1e-4,
    ig_log = round(statmod_rinvgauss(n, exp(eta + o), 2), 5) + 1e-4,
    ig_canonical = round(statmod_rinvgauss(n, 1 / sqrt(1 + 0.3 * plogis(eta) + 0.1 * o^2), 2), 5) + 1e-4)
  df$y <- y
  alpha <- NA
  if (fam == "negbin") alpha <- sample(c(0.25, 0.5, 1, 2), 1)
  quasi <- fam %in% c("poisson", "binomial", "bernoulli") && runif(1) < 0.2
  list(fam = fam, df = df, w = w, wkind = wkind, off = !is.null(off), alpha = alpha, sep = sep, quasi = quasi)
}

# inverse Gaussian draws (Michael, Schucany & Haas 1976) with mean mu and shape lambda
statmod_rinvgauss <- function(n, mu, lambda) {
  v <- rnorm(n)^2
  x <- mu + mu^2 * v / (2 * lambda) - mu / (2 * lambda) * sqrt(4 * mu * lambda * v + mu^2 * v^2)
  ifelse(runif(n) <= mu / (mu + x), x, mu^2 / x)
}

rfamily <- function(cs) {
  if (isTRUE(cs$quasi)) return(if (cs$fam == "poisson") quasipoisson() else quasibinomial())
  if (cs$fam == "negbin") negative.binomial(1 / cs$alpha) else families[[cs$fam]]$r()
}
# whether the dispersion is estimated (t tests, Pearson chi-square / residual df)
estimated <- function(cs) isTRUE(cs$quasi) || cs$fam != "negbin" && families[[cs$fam]]$est
jfamily <- function(cs) if (cs$fam == "negbin") paste("NegativeBinomial -alpha", cs$alpha) else families[[cs$fam]]$j

# R's fit of a case: the coefficient table (NA where aliased) and the statistics NeuralGLM reports, or the error.
# rep: integer weights as repetitions of the rows (Frequency weights)
# start: starting coefficients by column name (NeuralGLM's, where glm finds no valid start of its own)
rfit <- function(cs, rep = FALSE, start = NULL) {
  df <- cs$df
  inputs <- setdiff(names(df), c("y", "off"))
  # the design of every declared value: glm's model frame would drop a value no row has (and a factor with one
  # value left fails), where NeuralGLM keeps its column, all zeros, and aliases it
  X <- model.matrix(as.formula(paste("~", if (length(inputs)) paste(inputs, collapse = " + ") else "1")), df)
  # a two-valued class as 0/1 for its second value (glm's model frame drops an unused value of a factor class, and
  # a class with only "yes" present would turn into failures)
  d <- data.frame(X[, -1, drop = FALSE], y = if (is.factor(df$y)) as.numeric(df$y == levels(df$y)[2]) else df$y)
  if (cs$off) d$off <- df$off                     # (with offset(0) glm refits the null model, from the fit's means)
  form <- as.formula(paste("y ~", if (ncol(X) > 1) paste(colnames(X)[-1], collapse = " + ") else "1",
                           if (cs$off) "+ offset(off)" else ""))
  w <- cs$w
  if (rep) {
    d <- d[rep(seq_len(nrow(d)), w), , drop = FALSE]
    w <- NULL
  }
  df <- d
  df$.w <- if (is.null(w)) rep(1, nrow(df)) else w
  warn <- character(0)
  fitting <- function(form, control, cols) withCallingHandlers(
    tryCatch(glm(form, family = rfamily(cs), data = df, weights = .w, control = control,
                 start = if (is.null(start)) NULL else ifelse(is.na(start[cols]), 0, start[cols])),
             error = function(e) conditionMessage(e)),
    warning = function(wn) { warn <<- c(warn, conditionMessage(wn)); invokeRestart("muffleWarning") })
  # glm's own control finds the aliased columns (its QR tolerance is min(1e-7, epsilon / 1000): 1e-11); the
  # estimates are then refitted without them, to a relative deviance change of 1e-12
  fit0 <- fitting(form, glm.control(), colnames(X))
  if (is.character(fit0)) return(list(error = fit0, warn = warn))
  alias <- names(coef(fit0))[is.na(coef(fit0))]
  keep <- setdiff(colnames(X)[-1], alias)
  form1 <- as.formula(paste("y ~", if (length(keep)) paste(keep, collapse = " + ") else "1",
                            if (cs$off) "+ offset(off)" else ""))
  warn0 <- warn
  fit <- fitting(form1, glm.control(epsilon = 1e-12, maxit = 1000), c("(Intercept)", keep))
  if (is.character(fit) || !fit$converged) {   # a tight refit that fails is no reason to drop the case
    warn <- warn0
    fit <- fit0
  }
  if (is.character(fit)) return(list(error = fit, warn = warn))
  est <- estimated(cs)
  disp <- if (est) NULL else 1
  s <- suppressWarnings(summary(fit, dispersion = disp))   # (observations with zero weight not used ...)
  b <- coef(fit)[colnames(X)]
  names(b) <- colnames(X)
  se <- rep(NA, length(b)); se[!is.na(b)] <- s$coefficients[, 2]
  ll <- if (cs$fam == "exponential") sum(df$.w * dexp(df$y, 1 / fitted(fit), log = TRUE))
        else tryCatch(as.numeric(logLik(fit)), error = function(e) NA)
  aic <- if (cs$fam == "exponential") -2 * ll + 2 * fit$rank else fit$aic
  # R's AIC counts the rows of weight 0 (a Gaussian's is then infinite): the AIC of the same fit without them
  nz <- df$.w > 0
  aic.nz <- if (cs$fam == "exponential") aic else
    suppressWarnings(rfamily(cs)$aic(fit$y[nz], rep(1, sum(nz)), fitted(fit)[nz], df$.w[nz], fit$deviance)) + 2 * fit$rank
  st <- c(deviance = fit$deviance, null.deviance = fit$null.deviance, df.residual = fit$df.residual,
          df.null = fit$df.null, rank = fit$rank, dispersion = s$dispersion, loglik = ll, aic = aic,
          aic.nz = aic.nz,
          pearson = sum(residuals(fit, type = "pearson")^2),
          edge = if (cs$fam %in% c("bernoulli", "binomial")) sum(fitted(fit) < 10 * .Machine$double.eps |
                                                                fitted(fit) > 1 - 10 * .Machine$double.eps)
                 else if (cs$fam %in% c("poisson", "negbin")) sum(fitted(fit) < 1e-8) else 0,   # a count mean -> 0
          converged = fit$converged,
          boundary = fit$boundary)
  # NeuralGLM's log-likelihood under prior weights takes row i's density at the dispersion phi / w_i (R's Gamma and
  # inverse Gaussian weight the rows' log densities as frequencies instead; a documented difference), phi = D / sum w
  if (!rep && !is.null(w) && cs$fam %in% c("gamma_log", "gamma_inverse", "ig_log", "ig_canonical")) {
    phi <- fit$deviance / sum(df$.w) / df$.w[nz]
    y <- fit$y[nz]; mu <- fitted(fit)[nz]
    llp <- if (startsWith(cs$fam, "gamma")) sum(suppressWarnings(dgamma(y, 1 / phi, scale = mu * phi, log = TRUE)))
           else sum(-0.5 * log(2 * pi * phi * y^3) - (y - mu)^2 / (2 * phi * mu^2 * y))
    st <- c(st, aic.prior = -2 * llp + 2 * (fit$rank + 1))
  }
  # the null deviance on the rows of positive weight (a row of weight 0 can make glm's 0 * Inf = NaN): the weighted
  # mean's deviance without an offset; with one, the intercept-only fit (glm refits it from the full fit's means,
  # which under separation stops far from it)
  nd <- df[df$.w > 0, , drop = FALSE]
  null0 <- if (!cs$off) {
    mu0 <- rep(weighted.mean(fit$y[df$.w > 0], nd$.w), nrow(nd))
    sum(rfamily(cs)$dev.resids(fit$y[df$.w > 0], mu0, nd$.w))
  } else suppressWarnings(tryCatch({
    f0 <- glm(y ~ 1 + offset(off), family = rfamily(cs), data = nd, weights = .w,
              control = glm.control(epsilon = 1e-12, maxit = 1000))
    if (f0$converged) f0$deviance else NA
  }, error = function(e) NA))
  st <- c(st, null.deviance.direct = null0)
  # a Bernoulli class with weights that are not whole numbers: R's binomial AIC rounds w_i and w_i y_i to binomial
  # counts (and warns); NeuralGLM's log-likelihood is sum w_i log f(y_i; mu_i)
  if (cs$fam == "bernoulli" && !isTRUE(cs$quasi) && any(abs(df$.w - round(df$.w)) > 1e-9)) {
    mu <- fitted(fit)
    st <- c(st, aic.bernoulli = -2 * sum(df$.w * ifelse(fit$y == 1, log(mu), log1p(-mu))) + 2 * fit$rank)
  }
  list(coef = data.frame(term = names(b), estimate = b, se = se), stats = st, warn = warn)
}

write_r <- function(dir, id, suffix, r) {
  if (!is.null(r$error)) return()
  write.csv(r$coef, file.path(dir, paste0("case_", id, suffix, ".coef.csv")), row.names = FALSE)
  write.csv(data.frame(key = names(r$stats), value = unname(r$stats)),
            file.path(dir, paste0("case_", id, suffix, ".stats.csv")), row.names = FALSE)
}

generate <- function(dir, N, seed) {
  dir.create(dir, showWarnings = FALSE, recursive = TRUE)
  lines <- character(0)
  for (i in seq_len(N)) {
    cs <- draw_case(seed + i)
    jd <- cs$df                       # NeuralGLM's canonical eta is R's over the factor (-1/mu, -1/(2 mu^2)): its offset too
    if (cs$off) jd$off <- jd$off / (if (cs$fam == "negbin") 1 else families[[cs$fam]]$factor)
    arff(file.path(dir, paste0("case_", i)), jd, weights = cs$w)
    saveRDS(cs, file.path(dir, paste0("case_", i, ".rds")))
    opts <- c("-hidden", "none", "-family", jfamily(cs), "-weights", "Prior")
    if (cs$off) opts <- c(opts, "-offset", "off")
    if (cs$quasi) opts <- c(opts, "-quasi")
    r <- rfit(cs)
    write_r(dir, i, ".r", r)
    inputs <- setdiff(names(cs$df), c("y", "off"))
    if (is.null(r$error) && length(inputs) && runif(1) < 0.3) {   # R's drop1: the fit without each attribute
      opts <- c(opts, "-drop-tests")
      drop <- do.call(rbind, lapply(inputs, function(a) {
        ca <- cs
        ca$df <- cs$df[setdiff(names(cs$df), a)]
        ra <- rfit(ca)
        if (!is.null(ra$error)) return(data.frame(name = a, df = NA, deviance = NA, statistic = NA))
        ddf <- ra$stats[["df.residual"]] - r$stats[["df.residual"]]
        diff <- max(0, ra$stats[["deviance"]] - r$stats[["deviance"]])
        rdf <- r$stats[["df.residual"]]
        stat <- if (!estimated(cs)) diff else diff / ddf / (r$stats[["deviance"]] / rdf)   # drop1's chisq or F
        data.frame(name = a, df = ddf, deviance = ra$stats[["deviance"]], statistic = if (ddf > 0) stat else NA)
      }))
      write.csv(drop, file.path(dir, paste0("case_", i, ".r.drop.csv")), row.names = FALSE)
    }
    if (is.null(r$error) && length(inputs) && runif(1) < 0.3) {   # R's anova: the attributes added in order
      opts <- c(opts, "-anova")
      seqfits <- do.call(rbind, lapply(seq_along(inputs), function(k) {
        ca <- cs
        ca$df <- cs$df[c(inputs[seq_len(k)], intersect(c("off", "y"), names(cs$df)))]
        ra <- if (k == length(inputs)) r else rfit(ca)
        if (!is.null(ra$error)) return(data.frame(name = inputs[k], residual.df = NA, residual.deviance = NA))
        data.frame(name = inputs[k], residual.df = ra$stats[["df.residual"]], residual.deviance = ra$stats[["deviance"]])
      }))
      write.csv(seqfits, file.path(dir, paste0("case_", i, ".r.anova.csv")), row.names = FALSE)
    }
    desc <- paste0(cs$fam, if (cs$quasi) " quasi" else "", " n=", nrow(cs$df), " w=", cs$wkind, if (cs$off) " offset" else "",
                   if (cs$sep) " near-separated" else "", " attrs=", paste(setdiff(names(cs$df), c("y", "off")), collapse = ","))
    status <- if (!is.null(r$error)) paste("R error:", r$error) else paste(c("ok", unique(r$warn)), collapse = "; ")
    lines <- c(lines, paste(i, "prior", paste(dQuote(opts, FALSE), collapse = " "), desc, gsub("[\t\n]", " ", status), sep = "\t"))
    if (cs$wkind == "integer") {                                        # Frequency weights: the rows repeated
      rr <- rfit(cs, rep = TRUE)
      write_r(dir, paste0(i, "f"), ".r", rr)
      opts[opts == "Prior"] <- "Frequency"
      status <- if (!is.null(rr$error)) paste("R error:", rr$error) else paste(c("ok", unique(rr$warn)), collapse = "; ")
      lines <- c(lines, paste(paste0(i, "f"), "frequency", paste(dQuote(opts, FALSE), collapse = " "), desc,
                              gsub("[\t\n]", " ", status), sep = "\t"))
    }
  }
  writeLines(lines, file.path(dir, "cases.tsv"))
}

rel <- function(a, b, scale = 0) abs(a - b) / max(abs(b), scale, 1e-300)

compare <- function(dir, tol = 1e-5) {
  cases <- read.delim(file.path(dir, "cases.tsv"), header = FALSE, colClasses = "character", quote = "")
  names(cases) <- c("id", "weights", "opts", "desc", "status")
  kinds <- list()
  report <- function(id, kind, msg) {
    cat(sprintf("case %s [%s]: %s\n", id, kind, msg))
    kinds[[kind]] <<- c(kinds[[kind]], id)
  }
  compared <- 0
  for (k in seq_len(nrow(cases))) {
    cs <- cases[k, ]
    id <- cs$id
    base <- sub("f$", "", id)
    jerr <- file.path(dir, paste0("case_", id, ".j.error.txt"))
    jcoef <- file.path(dir, paste0("case_", id, ".j.coef.csv"))
    rerr <- startsWith(cs$status, "R error")
    if (file.exists(jerr)) {
      msg <- paste(readLines(jerr, warn = FALSE), collapse = " | ")
      if (rerr) next
      report(id, if (startsWith(msg, "hang")) "hang"
                 else if (grepl("separate the values of class attribute", msg)) "refused: complete separation (R warns)"
                 else "build-failed-where-R-fitted",
             paste0(cs$desc, " -- R: ", cs$status, " -- NeuralGLM: ", substr(msg, 1, 400)))
      next
    }
    if (!file.exists(jcoef)) { report(id, "no-output", cs$desc); next }
    cs0 <- readRDS(file.path(dir, paste0("case_", base, ".rds")))
    fac <- if (cs0$fam == "negbin") 1 else families[[cs0$fam]]$factor
    if (rerr) {
      # glm found no valid start of its own (an inverse link's means outside the range): its fit from NeuralGLM's
      # coefficients (on R's eta scale) is the reference
      jc0 <- read.csv(jcoef)
      start <- setNames(fac * jc0$estimate, sub(" [(]no input attribute left[)]", "", gsub("=", "", jc0$term)))
      r <- rfit(cs0, rep = endsWith(id, "f"), start = start)
      if (!is.null(r$error) && any(cs0$w == 0)) {
        # glm also checks eta on the rows of weight 0, which do not constrain the fit: on the others
        cs1 <- cs0
        cs1$df <- cs0$df[cs0$w > 0, , drop = FALSE]
        cs1$w <- cs0$w[cs0$w > 0]
        r <- rfit(cs1, start = start)
        if (is.null(r$error)) report(id, "r-fitted-without-zero-weight-rows (info)", cs$desc)
      }
      if (!is.null(r$error)) {
        # glm also refits the intercept-only model with the offset, from the fit's means, without that start: where
        # that fails, glm.fit alone (the model's fit, from NeuralGLM's start) gives the deviance to compare
        d <- cs0$df
        X <- model.matrix(as.formula(paste("~", paste(c("1", setdiff(names(d), c("y", "off"))), collapse = " + "))), d)
        if (endsWith(id, "f")) { d <- d[rep(seq_len(nrow(d)), cs0$w), ]; X <- X[rep(seq_len(nrow(X)), cs0$w), ] }
        ww <- if (is.null(cs0$w) || endsWith(id, "f")) rep(1, nrow(d)) else cs0$w
        d <- d[ww > 0, , drop = FALSE]; X <- X[ww > 0, , drop = FALSE]; ww <- ww[ww > 0]
        g <- tryCatch(suppressWarnings(glm.fit(X, d$y, weights = ww, start = ifelse(is.na(start[colnames(X)]), 0, start[colnames(X)]),
                                              offset = if (cs0$off) d$off else NULL, family = rfamily(cs0),
                                              control = glm.control(epsilon = 1e-12, maxit = 1000))), error = function(e) NULL)
        J <- read.csv(file.path(dir, paste0("case_", id, ".j.stats.csv")))
        jd <- J$value[J$key == "deviance"]
        if (!is.null(g) && g$converged && abs(g$deviance - jd) <= 1e-6 * max(1, g$deviance))
          report(id, "r-glm-failed-in-its-null-refit (R quirk; glm.fit's deviance agrees)", paste(cs$desc, "--", r$error))
        else
          report(id, "r-failed-even-from-neuralglm-start", paste(cs$desc, "--", r$error, "-- glm.fit deviance",
                                                                  if (is.null(g)) "error" else g$deviance, "NeuralGLM", jd))
        next
      }
      write_r(dir, id, ".r", r)
      cs$status <- paste(c("ok (R from NeuralGLM's start)", unique(r$warn)), collapse = "; ")
      report(id, "r-needed-neuralglm-start (info)", paste(cs$desc, "--", cases[k, "status"]))
    }
    compared <- compared + 1
    rc <- read.csv(file.path(dir, paste0("case_", id, ".r.coef.csv")))
    rs <- read.csv(file.path(dir, paste0("case_", id, ".r.stats.csv")))
    jc <- read.csv(jcoef)
    js <- read.csv(file.path(dir, paste0("case_", id, ".j.stats.csv")))
    R <- setNames(rs$value, rs$key); J <- setNames(js$value, js$key)
    est <- estimated(cs0)
    # R warned (or would have: quasibinomial does not say that fitted probabilities are 0 or 1), did not converge, or a coefficient is on its way to infinity (separation, a count class of zeros): R's numbers are where IRLS
    # stopped, not a maximum
    troubled <- !(cs$status %in% c("ok", "ok (R from NeuralGLM's start)")) || isTRUE(R[["edge"]] > 0) || !isTRUE(R[["converged"]] == 1) || isTRUE(R[["boundary"]] == 1) ||
      any(rc$se > 1e3 * pmax(1, abs(rc$estimate)), na.rm = TRUE)
    kind <- function(k) if (troubled) paste0(k, " (R warned)") else k
    what <- paste0(cs$desc, if (cs$status != "ok") paste(" -- R:", cs$status) else "")
    # NeuralGLM leaves out, as Weka's RemoveUseless, a nominal attribute with over 99% of its values distinct, and
    # names it in the report (documented): the model is then another one
    ids <- Filter(function(v) is.factor(cs0$df[[v]]) && v != "y" &&
                    length(unique(cs0$df[[v]])) > 0.99 * nrow(cs0$df) && length(unique(cs0$df[[v]])) > 1, names(cs0$df))
    if (length(ids)) { report(id, "identifier-attribute-left-out (documented)", paste(what, paste(ids, collapse = " "))); next }
    # statistics
    dtol <- function(key) max(tol * abs(R[[key]]), 1e-7 * max(1, abs(R[["null.deviance"]])))
    if (!isTRUE(abs(J[["deviance"]] - R[["deviance"]]) <= dtol("deviance"))) {
      # a family whose likelihood is not concave in the coefficients (non-canonical links) can have several maxima:
      # where glm's IRLS started from NeuralGLM's coefficients stays there, both are stationary points
      stays <- FALSE
      if (isTRUE(J[["deviance"]] > R[["deviance"]])) {
        jc0 <- read.csv(jcoef)
        start <- setNames(fac * jc0$estimate, sub(" [(]no input attribute left[)]", "", gsub("=", "", jc0$term)))
        r2 <- rfit(cs0, rep = endsWith(id, "f"), start = start)
        stays <- is.null(r2$error) && isTRUE(abs(r2$stats[["deviance"]] - J[["deviance"]]) <= dtol("deviance"))
      }
      if (stays) {
        report(id, "another-local-maximum (glm from NeuralGLM's start stays there)",
               sprintf("%s R %.10g NeuralGLM %.10g", what, R[["deviance"]], J[["deviance"]]))
        next
      }
      report(id, kind("deviance"), sprintf("%s R %.10g NeuralGLM %.10g", what, R[["deviance"]], J[["deviance"]]))
    }
    nd <- R[["null.deviance.direct"]]
    if (is.na(nd)) nd <- R[["null.deviance"]]   # no intercept-only fit of its own (no valid start): glm's
    if (!isTRUE(abs(J[["null.deviance"]] - nd) <= max(tol * abs(nd), 1e-7 * max(1, abs(nd)))))
      report(id, kind("null.deviance"), sprintf("%s R's intercept-only fit %.10g (glm's null.deviance %.10g) NeuralGLM %.10g",
                                                 what, nd, R[["null.deviance"]], J[["null.deviance"]]))
    else if (!isTRUE(abs(R[["null.deviance"]] - nd) <= max(tol * abs(nd), 1e-7 * max(1, abs(nd)))))
      report(id, "R's null.deviance off its intercept-only fit (R quirk)", sprintf("%s glm %.10g, its fit %.10g",
                                                                                   what, R[["null.deviance"]], nd))
    for (key in c("df.residual", "df.null", "rank")) {
      if (!isTRUE(abs(J[[key]] - R[[key]]) < 1e-9))
        report(id, kind(key), sprintf("%s R %.10g NeuralGLM %.10g", what, R[[key]], J[[key]]))
    }
    if (est && R[["df.residual"]] > 0 && !isTRUE(rel(J[["dispersion"]], R[["dispersion"]]) <= 1e-4 ||
        abs(J[["dispersion"]] - R[["dispersion"]]) <= 1e-9 * max(1, R[["null.deviance"]])))
      report(id, kind("dispersion"), sprintf("%s R %.10g NeuralGLM %.10g", what, R[["dispersion"]], J[["dispersion"]]))
    perfect <- isTRUE(R[["deviance"]] < 1e-8 * max(R[["null.deviance"]], 1e-300))   # log-likelihood at phi = 0
    if (perfect) {
    } else if (!is.na(R["aic.bernoulli"])) {
      if (!isTRUE(abs(J[["aic"]] - R[["aic.bernoulli"]]) <= 1e-4 * max(1, abs(R[["aic.bernoulli"]]))))
        report(id, kind("aic-bernoulli-weights"), sprintf("%s expected %.10g NeuralGLM %.10g", what, R[["aic.bernoulli"]], J[["aic"]]))
    } else if (!is.na(R["aic.prior"])) {     # the documented difference: compare with NeuralGLM's own definition
      if (!is.finite(J[["aic"]]) || abs(J[["aic"]] - R[["aic.prior"]]) > 1e-4 * max(1, abs(R[["aic.prior"]])))
        report(id, kind("aic-prior-weights"), sprintf("%s expected %.10g NeuralGLM %.10g", what, R[["aic.prior"]], J[["aic"]]))
    } else if (is.finite(R[["aic"]]) && (!is.finite(J[["aic"]]) || abs(J[["aic"]] - R[["aic"]]) > 1e-4 * max(1, abs(R[["aic"]]))))
      report(id, kind("aic"), sprintf("%s R %.10g NeuralGLM %.10g (logLik R %.10g NeuralGLM %.10g)", what, R[["aic"]],
                                        J[["aic"]], R[["loglik"]], J[["loglik"]]))
    if (!perfect && !is.finite(R[["aic"]]) && is.finite(R[["aic.nz"]]) &&
        (!is.finite(J[["aic"]]) || abs(J[["aic"]] - R[["aic.nz"]]) > 1e-4 * max(1, abs(R[["aic.nz"]]))))
      report(id, kind("aic-without-zero-weights"), sprintf("%s R %.10g NeuralGLM %.10g", what, R[["aic.nz"]], J[["aic"]]))
    # coefficients: R's table has a row for every column (NA where aliased); NeuralGLM's lacks the columns of the
    # attributes it drops as constant, which R aliases
    jc$term <- sub(" [(]no input attribute left[)]", "", gsub("=", "", jc$term))
    extra <- is.na(match(jc$term, rc$term)) & jc$aliased == 1   # NeuralGLM's placeholder of an empty design
    jc <- jc[!extra, ]
    m <- match(jc$term, rc$term)
    if (anyNA(m)) { report(id, "terms", paste(what, "NeuralGLM terms", paste(jc$term, collapse = " "), "R", paste(rc$term, collapse = " "))); next }
    missing <- setdiff(seq_len(nrow(rc)), m)
    if (any(!is.na(rc$estimate[missing])))
      report(id, kind("dropped-not-aliased"), paste(what, "R estimates", paste(rc$term[missing], collapse = " ")))
    r <- rc[m, ]
    ra <- is.na(r$estimate); ja <- jc$aliased == 1
    if (any(ra != ja)) {
      report(id, kind("alias-choice"), paste(what, "R aliases", paste(r$term[ra], collapse = " "), "NeuralGLM",
                                      paste(jc$term[ja], collapse = " ")))
      next
    }
    ok <- !ra
    se <- r$se[ok]
    de <- abs(fac * jc$estimate[ok] - r$estimate[ok])
    bad <- !is.finite(de) | de > pmax(ifelse(is.na(se), 10, 1) * tol * abs(r$estimate[ok]),   # saturated: no se
                                      1e-3 * ifelse(is.na(se), 0, se), 1e-9)
    if (any(bad))
      report(id, kind("estimate"), paste(what, paste(sprintf("%s R %.8g NeuralGLM %.8g (se %.3g)", r$term[ok][bad],
                                         r$estimate[ok][bad], fac * jc$estimate[ok][bad], se[bad]), collapse = "; ")))
    if (perfect && est) next                                     # the standard errors are sqrt(phi ~ 0) times ...
    jd <- file.path(dir, paste0("case_", id, ".j.drop.csv")); rd <- file.path(dir, paste0("case_", id, ".r.drop.csv"))
    if (file.exists(rd) && !file.exists(jd)) report(id, "drop1-missing", what)
    if (file.exists(rd) && file.exists(jd)) {
      jdt <- read.csv(jd); rdt <- read.csv(rd)
      rdt <- rdt[match(jdt$name, rdt$name), ]
      close <- function(a, b) isTRUE(abs(a - b) <= 1e-5 * max(1, abs(b))) || (is.na(a) && is.na(b))
      for (g in seq_len(nrow(jdt))) {
        if (is.na(rdt$deviance[g]) && !is.na(jdt$deviance[g]))
          report(id, "drop1-R-refit-failed-neuralglm-fitted (info)", sprintf("%s %s", what, jdt$name[g]))
        else if (!close(jdt$df[g], rdt$df[g]))
          report(id, kind("drop1-df"), sprintf("%s %s R %s NeuralGLM %s", what, jdt$name[g], rdt$df[g], jdt$df[g]))
        else if (!close(jdt$deviance[g], rdt$deviance[g]))
          report(id, kind("drop1-deviance"), sprintf("%s %s R %.10g NeuralGLM %.10g", what, jdt$name[g], rdt$deviance[g], jdt$deviance[g]))
        else if (!isTRUE(abs(jdt$statistic[g] - rdt$statistic[g]) <= 1e-4 * max(1, abs(rdt$statistic[g]))) &&
                 !(is.na(jdt$statistic[g]) && is.na(rdt$statistic[g])))
          report(id, kind("drop1-statistic"), sprintf("%s %s R %.10g NeuralGLM %.10g", what, jdt$name[g], rdt$statistic[g], jdt$statistic[g]))
      }
    }
    ja <- file.path(dir, paste0("case_", id, ".j.anova.csv")); ra <- file.path(dir, paste0("case_", id, ".r.anova.csv"))
    if (file.exists(ra) && !file.exists(ja)) report(id, "anova-missing", what)
    if (file.exists(ra) && file.exists(ja)) {
      jat <- read.csv(ja); rat <- read.csv(ra)
      rat <- rat[match(jat$name, rat$name), ]
      for (g in seq_len(nrow(jat))) {
        if (is.na(rat$residual.deviance[g]) && !is.na(jat$residual.deviance[g]))
          report(id, "anova-R-fit-failed-neuralglm-fitted (info)", sprintf("%s %s", what, jat$name[g]))
        else if (!isTRUE(abs(jat$residual.df[g] - rat$residual.df[g]) < 1e-9))
          report(id, kind("anova-df"), sprintf("%s %s R %s NeuralGLM %s", what, jat$name[g], rat$residual.df[g], jat$residual.df[g]))
        else if (!isTRUE(abs(jat$residual.deviance[g] - rat$residual.deviance[g]) <= 1e-5 * max(1, abs(rat$residual.deviance[g]))))
          report(id, kind("anova-deviance"), sprintf("%s %s R %.10g NeuralGLM %.10g", what, jat$name[g],
                                                     rat$residual.deviance[g], jat$residual.deviance[g]))
      }
    }
    dse <- abs(abs(fac) * jc$se[ok] - se)
    bad <- ifelse(is.na(se), !is.na(jc$se[ok]), !is.finite(dse) | dse > 1e-4 * se)
    if (any(bad))
      report(id, kind("se"), paste(what, paste(sprintf("%s R %.8g NeuralGLM %.8g", r$term[ok][bad], se[bad],
                                  abs(fac) * jc$se[ok][bad]), collapse = "; ")))
  }
  cat(sprintf("\n%d fits compared (of %d cases); disagreements by kind (cases):\n", compared, nrow(cases)))
  for (k in sort(names(kinds))) cat(sprintf("  %-32s %d\n", k, length(unique(kinds[[k]]))))
}

args <- commandArgs(TRUE)
if (args[1] == "generate") generate(args[2], as.integer(args[3]), as.integer(args[4])) else compare(args[2])
