package weka.classifiers.functions.neuralglm;

import neuralglm.family.Family;
import neuralglm.family.PoissonFamily;

/** Counts with the log link. */
public class Poisson extends ScalarFamilySpec {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Poisson family: a numeric class of counts (y >= 0), log link mu = exp(eta), variance V(mu) = mu, "
                + "dispersion fixed at 1.";
    }

    @Override
    public Family create(boolean nominalClass) {
        return new PoissonFamily();
    }
}
