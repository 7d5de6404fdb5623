package weka.classifiers.functions.neuralglm;

import neuralglm.family.BernoulliFamily;
import neuralglm.family.Family;

/** One binary outcome with the logit link: one network output. */
public class Bernoulli extends FamilySpec {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Bernoulli family: a binary outcome, logit link mu = sigmoid(eta) with a single network output "
                + "(the probability of the second class value). The class is either a nominal attribute with two "
                + "values or a numeric attribute holding 0 and 1.";
    }

    @Override
    public Family create(boolean nominalClass) {
        return new BernoulliFamily();
    }
}
