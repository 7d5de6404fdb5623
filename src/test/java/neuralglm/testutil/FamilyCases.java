package neuralglm.testutil;

import java.util.ArrayList;
import java.util.List;

import neuralglm.family.BernoulliFamily;
import neuralglm.family.BinomialFamily;
import neuralglm.family.ExponentialDistributionFamily;
import neuralglm.family.Family;
import neuralglm.family.GammaFamily;
import neuralglm.family.GaussianFamily;
import neuralglm.family.InverseGaussianFamily;
import neuralglm.family.Link;
import neuralglm.family.NegativeBinomialFamily;
import neuralglm.family.PoissonFamily;
import neuralglm.family.TweedieFamily;

/**
 * Every scalar family with its parameters, a few targets from its domain and eta values up to the
 * extremes it allows (|eta| up to 50; canonical Gamma / Inverse Gaussian links only eta &lt; 0).
 * {@link neuralglm.family.CategoricalFamily} works on rows and has its own cases in the tests.
 */
public final class FamilyCases {

    /**
     * One family with sample points.
     *
     * @param family the family
     * @param ys     targets in its domain
     * @param etas   network outputs in its link's domain
     */
    public record Case(Family family, double[] ys, double[] etas) {
        /** @return true when the link restricts eta to a half line (step sizes scale with |eta|) */
        public boolean restricted() {
            return family.link() == Link.NEGATIVE_INVERSE || family.link() == Link.NEGATIVE_HALF_INVERSE_SQUARED;
        }

        /** @return the eta values with |eta| &lt;= 5, for sums over rows where a huge term would hide the rest */
        public double[] moderateEtas() {
            return java.util.Arrays.stream(etas).filter(e -> Math.abs(e) <= 5).toArray();
        }

        @Override
        public String toString() {
            return family.toString();
        }
    }

    private static final double[] WIDE = {-50, -30, -5, -1.3, 0, 0.4, 2, 5, 30, 50};
    private static final double[] NEGATIVE = {-50, -4, -1, -0.3, -0.05, -0.01};
    private static final double[] COUNTS = {0, 1, 3, 17, 250.5};
    private static final double[] POSITIVE = {0.01, 0.5, 1, 7, 300};

    private FamilyCases() {
    }

    /** @return one case per family and parameter */
    public static List<Case> all() {
        final List<Case> cases = new ArrayList<>();
        cases.add(new Case(new GaussianFamily(), new double[] {-40, -3.5, 0, 1.2, 45}, WIDE));
        cases.add(new Case(new BernoulliFamily(), new double[] {0, 1}, WIDE));
        cases.add(new Case(new BinomialFamily(), new double[] {0, 0.25, 0.5, 0.9, 1}, WIDE));
        cases.add(new Case(new PoissonFamily(), COUNTS, WIDE));
        cases.add(new Case(new GammaFamily(Link.LOG), POSITIVE, WIDE));
        cases.add(new Case(new GammaFamily(Link.NEGATIVE_INVERSE), POSITIVE, NEGATIVE));
        cases.add(new Case(new InverseGaussianFamily(Link.LOG), POSITIVE, new double[] {-40, -5, -1.3, 0, 0.4, 2, 5, 40}));
        cases.add(new Case(new InverseGaussianFamily(Link.NEGATIVE_HALF_INVERSE_SQUARED), POSITIVE, NEGATIVE));
        for (double alpha : new double[] {0.01, 0.5, 1, 4}) {
            cases.add(new Case(new NegativeBinomialFamily(alpha), COUNTS, WIDE));
        }
        for (double p : new double[] {1, 1.2, 1.5, 1.8, 2, 2.5, 3}) {
            cases.add(new Case(new TweedieFamily(p), p < 2 ? COUNTS : POSITIVE,
                    p <= 2 ? WIDE : new double[] {-40, -5, -1.3, 0, 0.4, 2, 5, 40}));
        }
        cases.add(new Case(new ExponentialDistributionFamily(Link.LOG), POSITIVE, WIDE));
        cases.add(new Case(new ExponentialDistributionFamily(Link.NEGATIVE_INVERSE), POSITIVE, NEGATIVE));
        return cases;
    }
}
