package weka.classifiers.functions.neuralglm;

import neuralglm.family.ExponentialDistributionFamily;
import neuralglm.family.Family;
import neuralglm.family.Link;

/** Exponential targets: Gamma with shape 1 (dispersion fixed at 1). */
public class Exponential extends LinkChoiceFamilySpec {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Exponential family: a positive numeric class (y > 0), the Gamma family with its dispersion fixed "
                + "at 1; log link by default, or the canonical link eta = -1/mu.";
    }

    @Override
    public Family create(boolean nominalClass) {
        return new ExponentialDistributionFamily(canonical() ? Link.NEGATIVE_INVERSE : Link.LOG);
    }
}
