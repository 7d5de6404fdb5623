package weka.classifiers.functions.neuralglm;

import neuralglm.family.Family;
import neuralglm.family.InverseGaussianFamily;
import neuralglm.family.Link;

/** Positive continuous targets with variance mu^3. */
public class InverseGaussian extends LinkChoiceFamilySpec {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Inverse Gaussian family: a positive numeric class (y > 0), variance V(mu) = mu^3; log link by "
                + "default, or the canonical link eta = -1/(2 mu^2). The dispersion is the Pearson estimate.";
    }

    @Override
    public Family create(boolean nominalClass) {
        return new InverseGaussianFamily(canonical() ? Link.NEGATIVE_HALF_INVERSE_SQUARED : Link.LOG);
    }
}
