package weka.classifiers.functions.neuralglm;

import neuralglm.family.Family;
import neuralglm.family.GammaFamily;
import neuralglm.family.Link;

/** Positive continuous targets with constant coefficient of variation. */
public class Gamma extends LinkChoiceFamilySpec {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Gamma family: a positive numeric class (y > 0), variance V(mu) = mu^2 (constant coefficient of "
                + "variation); log link by default, or the canonical link eta = -1/mu. The dispersion (1/shape) is "
                + "estimated on the training data as NeuralGLM's -dispersion option says (Pearson by default).";
    }

    @Override
    public Family create(boolean nominalClass) {
        return new GammaFamily(canonical() ? Link.NEGATIVE_INVERSE : Link.LOG);
    }
}
