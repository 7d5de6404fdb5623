package weka.classifiers.functions.neuralglm;

import neuralglm.family.Family;
import neuralglm.family.TweedieFamily;
import weka.core.OptionMetadata;

/** Tweedie family with variance power p, log link. */
public class Tweedie extends ScalarFamilySpec {
    private static final long serialVersionUID = 1L;

    private double power = 1.5;

    @Override
    public String globalInfo() {
        return "Tweedie family: a numeric class, log link, variance V(mu) = mu^p. With 1 < p < 2 (compound "
                + "Poisson-Gamma) the class may hold exact zeros and positive amounts, e.g. insurance claims.";
    }

    /** @return the variance power p */
    @OptionMetadata(displayName = "power",
            description = "The variance power p >= 1 in V(mu) = mu^p (default 1.5: compound Poisson-Gamma, "
                    + "zeros allowed; p = 1 is Poisson-like, p = 2 Gamma, p = 3 Inverse Gaussian).",
            commandLineParamName = "power", commandLineParamSynopsis = "-power <double>", displayOrder = 1)
    public double getPower() {
        return power;
    }

    /** @param value the variance power p &gt;= 1 */
    public void setPower(double value) {
        power = value;
    }

    @Override
    public Family create(boolean nominalClass) {
        return new TweedieFamily(power);
    }
}
