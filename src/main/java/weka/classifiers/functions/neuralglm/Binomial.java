package weka.classifiers.functions.neuralglm;

import neuralglm.family.BinomialFamily;
import neuralglm.family.Family;

/** Proportions of successes with the number of trials as instance weight, logit link. */
public class Binomial extends FamilySpec {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Binomial family: a numeric class holding the proportion of successes (0 <= y <= 1) and the "
                + "number of trials as the instance weight, as in R's glm(prop ~ ., binomial, weights = n); "
                + "logit link, one network output. A binary nominal class is treated as 0/1.";
    }

    @Override
    public Family create(boolean nominalClass) {
        return new BinomialFamily();
    }
}
