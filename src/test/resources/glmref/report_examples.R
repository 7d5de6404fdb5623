suppressMessages(library(MASS))
# R side of the GLM-mode report (/work/glm-report.txt): summary.glm, logLik, AIC, BIC and confint.default of the
# Gamma (clotting) and Binomial (budworm) fits that NeuralGLM reports on clotting.arff and budworm.arff.
clotting <- data.frame(logu = log(c(5, 10, 15, 20, 30, 40, 60, 80, 100)), lot1 = c(118, 58, 42, 35, 27, 25, 21, 19, 18))
cat("===== R: glm(lot1 ~ logu, family = Gamma(link = 'log'), data = clotting) =====\n")
fit <- glm(lot1 ~ logu, family = Gamma(link = "log"), data = clotting)
print(summary(fit)); cat("logLik:", format(logLik(fit)), " AIC:", AIC(fit), " BIC:", BIC(fit), "\n"); print(confint.default(fit))
cat("\n===== R: glm(dead ~ sex + ldose + ldoseM, family = binomial, weights = rep(20, 12)) (budworm, V&R 7.2) =====\n")
ldose <- rep(0:5, 2); numdead <- c(1, 4, 9, 13, 18, 20, 0, 2, 6, 10, 12, 16); sex <- factor(rep(c("M", "F"), c(6, 6)))
bud <- data.frame(sex = sex, ldose = ldose, ldoseM = ldose * (sex == "M"), dead = numdead / 20)
fit2 <- glm(dead ~ sex + ldose + ldoseM, family = binomial, weights = rep(20, 12), data = bud)
print(summary(fit2)); cat("logLik:", format(logLik(fit2)), " AIC:", AIC(fit2), " BIC:", BIC(fit2), "\n"); print(confint.default(fit2))
