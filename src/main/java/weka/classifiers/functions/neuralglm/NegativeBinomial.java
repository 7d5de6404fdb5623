package weka.classifiers.functions.neuralglm;

import neuralglm.family.Family;
import neuralglm.family.NegativeBinomialFamily;
import weka.core.OptionMetadata;

/** Over-dispersed counts, log link, fixed alpha. */
public class NegativeBinomial extends ScalarFamilySpec {
    private static final long serialVersionUID = 1L;

    private double alpha = 1.0;

    @Override
    public String globalInfo() {
        return "Negative binomial family: a numeric class of over-dispersed counts (y >= 0), log link, variance "
                + "V(mu) = mu + alpha mu^2 with alpha fixed (alpha -> 0 gives Poisson).";
    }

    /** @return the over-dispersion alpha */
    @OptionMetadata(displayName = "alpha",
            description = "The over-dispersion alpha > 0 in V(mu) = mu + alpha mu^2 (default 1, a geometric distribution "
                    + "when the mean is the only parameter; smaller values approach Poisson).",
            commandLineParamName = "alpha", commandLineParamSynopsis = "-alpha <double>", displayOrder = 1)
    public double getAlpha() {
        return alpha;
    }

    /** @param value the over-dispersion alpha &gt; 0 */
    public void setAlpha(double value) {
        alpha = value;
    }

    @Override
    public Family create(boolean nominalClass) {
        return new NegativeBinomialFamily(alpha);
    }
}
