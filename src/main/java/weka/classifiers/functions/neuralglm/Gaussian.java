package weka.classifiers.functions.neuralglm;

import neuralglm.family.Family;
import neuralglm.family.GaussianFamily;

/** Normal targets with the identity link (least squares); dispersion = residual variance. */
public class Gaussian extends ScalarFamilySpec {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Gaussian family: a numeric class, identity link mu = eta, variance V(mu) = 1; "
                + "maximum likelihood is least squares. The dispersion is the residual variance.";
    }

    @Override
    public Family create(boolean nominalClass) {
        return new GaussianFamily();
    }
}
