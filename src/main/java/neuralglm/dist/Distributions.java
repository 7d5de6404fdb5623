package neuralglm.dist;

import neuralglm.family.Bernoulli;
import neuralglm.family.Binomial;
import neuralglm.family.Categorical;
import neuralglm.family.Exponential;
import neuralglm.family.Family;
import neuralglm.family.Gamma;
import neuralglm.family.Gaussian;
import neuralglm.family.InverseGaussian;
import neuralglm.family.NegativeBinomial;
import neuralglm.family.Poisson;
import neuralglm.family.Tweedie;

/**
 * The response distribution a family predicts for one row, from the mean mu and the dispersion phi.
 * <table>
 * <caption>family to distribution</caption>
 * <tr><th>family</th><th>distribution</th><th>phi</th></tr>
 * <tr><td>Gaussian</td><td>N(mu, phi)</td><td>sigma^2</td></tr>
 * <tr><td>Poisson</td><td>Poisson(mu)</td><td>ignored (1)</td></tr>
 * <tr><td>Bernoulli, Binomial</td><td>proportion of n trials, Bin(n, mu)/n</td><td>ignored (1)</td></tr>
 * <tr><td>Gamma</td><td>shape 1/phi, mean mu</td><td>1/shape</td></tr>
 * <tr><td>Exponential</td><td>Gamma with shape 1</td><td>ignored (1)</td></tr>
 * <tr><td>InverseGaussian</td><td>IG(mu, lambda = 1/phi)</td><td>1/lambda</td></tr>
 * <tr><td>NegativeBinomial(alpha)</td><td>NB2(mu, alpha)</td><td>ignored: alpha is the family's (see
 *     {@link #negativeBinomial} for another alpha)</td></tr>
 * <tr><td>Tweedie(p)</td><td>1 &lt; p &lt; 2 compound Poisson-gamma; p = 2 Gamma; p = 3 inverse Gaussian;
 *     p = 1 with phi = 1 Poisson</td><td>phi</td></tr>
 * </table>
 * Tweedie powers p &gt; 2 other than 3 (positive stable mixtures) and p = 1 with phi != 1 have no
 * distribution here; Categorical rows go to {@link CategoricalDistribution}.
 */
public final class Distributions {

    private Distributions() {
    }

    /**
     * @param family a scalar family (not Binomial with several trials: see {@link #of(Family, double, double, double)})
     * @param mu     the predicted mean
     * @param phi    the dispersion (ignored where the family fixes it)
     * @return the distribution of y given mu
     * @throws IllegalArgumentException for a family without a distribution here, or invalid mu / phi
     */
    public static ResponseDistribution of(Family family, double mu, double phi) {
        return of(family, mu, phi, 1.0);
    }

    /**
     * @param family a scalar family
     * @param mu     the predicted mean
     * @param phi    the dispersion (ignored where the family fixes it)
     * @param trials number of trials n, used by Binomial (whose y is a proportion of n); ignored otherwise
     * @return the distribution of y given mu
     * @throws IllegalArgumentException for a family without a distribution here, or invalid mu / phi
     */
    public static ResponseDistribution of(Family family, double mu, double phi, double trials) {
        if (family instanceof Gaussian) {
            return new NormalDistribution(mu, phi);
        }
        if (family instanceof Poisson) {
            return new PoissonDistribution(mu);
        }
        if (family instanceof Bernoulli) {
            return new BinomialDistribution(mu, 1.0);
        }
        if (family instanceof Binomial) {
            return new BinomialDistribution(mu, trials);
        }
        if (family instanceof Exponential) {
            return new GammaDistribution(mu, 1.0);
        }
        if (family instanceof Gamma) {
            return new GammaDistribution(mu, phi);
        }
        if (family instanceof InverseGaussian) {
            return new InverseGaussianDistribution(mu, phi);
        }
        if (family instanceof NegativeBinomial) {
            return new NegativeBinomialDistribution(mu, ((NegativeBinomial) family).alpha());
        }
        if (family instanceof Tweedie) {
            return tweedie(mu, phi, ((Tweedie) family).power());
        }
        if (family instanceof Categorical) {
            throw new IllegalArgumentException("Categorical family: a row of class probabilities has a CategoricalDistribution, not a scalar one");
        }
        throw new IllegalArgumentException("No response distribution for the family " + family);
    }

    /**
     * @param mu    mean
     * @param alpha an over-dispersion to use instead of the family's (e.g. the maximum-likelihood one)
     * @return NB2(mu, alpha)
     */
    public static ResponseDistribution negativeBinomial(double mu, double alpha) {
        return new NegativeBinomialDistribution(mu, alpha);
    }

    private static ResponseDistribution tweedie(double mu, double phi, double power) {
        if (power > 1 && power < 2) {
            return new TweedieDistribution(mu, phi, power);
        }
        if (power == 2) {
            return new GammaDistribution(mu, phi);
        }
        if (power == 3) {
            return new InverseGaussianDistribution(mu, phi);
        }
        if (power == 1 && phi == 1) {
            return new PoissonDistribution(mu);
        }
        throw new IllegalArgumentException("Tweedie family: no distribution for power " + power + " with phi " + phi
                + "; supported are 1 < power < 2, power 2 (Gamma), power 3 (InverseGaussian) and power 1 with phi 1 (Poisson)");
    }
}
