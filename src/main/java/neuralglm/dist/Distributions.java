package neuralglm.dist;

import neuralglm.family.Family;

/**
 * The response distribution a family predicts for one row, from the mean mu and the dispersion phi:
 * each family says which ({@link Family#distribution}); this class is the entry point that names the
 * table.
 * <table>
 * <caption>family to distribution</caption>
 * <tr><th>family</th><th>distribution</th><th>phi</th></tr>
 * <tr><td>Gaussian</td><td>N(mu, phi)</td><td>sigma^2</td></tr>
 * <tr><td>Poisson</td><td>Poisson(mu)</td><td>ignored (1)</td></tr>
 * <tr><td>Bernoulli, Binomial</td><td>proportion of n trials, Bin(n, mu)/n (n the weight rounded to a
 *     whole number &gt;= 1)</td><td>ignored (1)</td></tr>
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
     * @param family a scalar family
     * @param mu     the predicted mean
     * @param phi    the dispersion (ignored where the family fixes it)
     * @return the distribution of y given mu, with one trial for a Binomial
     * @throws IllegalArgumentException for a family without a distribution here, or invalid mu / phi
     */
    public static ResponseDistribution of(Family family, double mu, double phi) {
        return family.distribution(mu, phi, 1.0);
    }

    /**
     * @param family a scalar family
     * @param mu     the predicted mean
     * @param phi    the dispersion (ignored where the family fixes it)
     * @param trials number of trials n, used by Binomial (whose y is a proportion of n); ignored otherwise
     * @return the distribution of y given mu ({@link Family#distribution})
     * @throws IllegalArgumentException for a family without a distribution here, or invalid mu / phi
     */
    public static ResponseDistribution of(Family family, double mu, double phi, double trials) {
        return family.distribution(mu, phi, trials);
    }

    /**
     * @param mu    mean
     * @param alpha an over-dispersion to use instead of the family's (e.g. the maximum-likelihood one)
     * @return NB2(mu, alpha)
     */
    public static ResponseDistribution negativeBinomial(double mu, double alpha) {
        return new NegativeBinomialDistribution(mu, alpha);
    }
}
