package weka.classifiers.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * Data made for each family: three inputs on deliberately different scales (x1 in [0, 10],
 * x2 in [-50, 50], x3 in [0, 1], plus a nominal attribute for some), a linear predictor, and a class
 * drawn from the family with mean g^-1(eta).
 */
final class FamilyData {

    private FamilyData() {
    }

    /** eta on the log scale: between about -0.8 and 2.4. */
    static double logEta(double[] x) {
        return 0.2 + 0.15 * x[0] + 0.01 * x[1] - 0.8 * x[2];
    }

    private static double[] inputs(Random rng) {
        return new double[] {10 * rng.nextDouble(), 100 * rng.nextDouble() - 50, rng.nextDouble()};
    }

    private static Instances header(String name, Attribute cls) {
        final ArrayList<Attribute> atts = new ArrayList<>(List.of(new Attribute("x1"), new Attribute("x2"),
                new Attribute("x3"), cls));
        final Instances data = new Instances(name, atts, 0);
        data.setClassIndex(3);
        return data;
    }

    static int poisson(Random rng, double mu) {
        final double l = Math.exp(-mu);
        int k = 0;
        double p = rng.nextDouble();
        while (p > l) {
            k++;
            p *= rng.nextDouble();
        }
        return k;
    }

    static double gamma2(Random rng, double mean) {
        return mean / 2 * (-Math.log(1 - rng.nextDouble()) - Math.log(1 - rng.nextDouble()));
    }

    static double inverseGaussian(Random rng, double mu, double lambda) {
        final double n = rng.nextGaussian(), v = n * n;
        final double x = mu + mu * mu * v / (2 * lambda) - mu / (2 * lambda) * Math.sqrt(4 * mu * lambda * v + mu * mu * v * v);
        return rng.nextDouble() <= mu / (mu + x) ? x : mu * mu / x;
    }

    /**
     * @param family a family's short class name
     * @param n      number of instances
     * @param seed   random seed
     * @return data for it
     */
    static Instances of(String family, int n, long seed) {
        final Random rng = new Random(seed);
        final boolean nominal = family.equals("Bernoulli") || family.equals("Categorical");
        final Instances data = header(family, nominal
                ? new Attribute("y", family.equals("Bernoulli") ? List.of("no", "yes") : List.of("a", "b", "c"))
                : new Attribute("y"));
        for (int i = 0; i < n; i++) {
            final double[] x = inputs(rng);
            final double eta = logEta(x), mu = Math.exp(eta);
            double y;
            double weight = 1.0;
            switch (family) {
                case "Gaussian": y = 3 * eta + rng.nextGaussian(); break;
                case "Bernoulli": y = rng.nextDouble() < 1 / (1 + Math.exp(-(2 * eta - 1.6))) ? 1 : 0; break;
                case "Categorical": {
                    final double[] e = {0, 4 * eta - 3.2, 0.6 * x[0] - 0.04 * x[1] - 3};
                    double z = 0;
                    for (double v : e) {
                        z += Math.exp(v);
                    }
                    final double u = rng.nextDouble() * z;
                    y = u < Math.exp(e[0]) ? 0 : u < Math.exp(e[0]) + Math.exp(e[1]) ? 1 : 2;
                    break;
                }
                case "Binomial": {
                    final int trials = 1 + rng.nextInt(10);
                    final double p = 1 / (1 + Math.exp(-(2 * eta - 1.6)));
                    int s = 0;
                    for (int t = 0; t < trials; t++) {
                        s += rng.nextDouble() < p ? 1 : 0;
                    }
                    y = (double) s / trials;
                    weight = trials;
                    break;
                }
                case "Poisson": y = poisson(rng, mu); break;
                case "NegativeBinomial": y = poisson(rng, gamma2(rng, mu)); break;
                case "Gamma": y = gamma2(rng, mu); break;
                case "GammaCanonical": y = gamma2(rng, 1 / (0.2 + 0.02 * x[0] + 0.002 * (x[1] + 50) + 0.1 * x[2])); break;
                case "InverseGaussian": y = inverseGaussian(rng, mu, 20); break;
                case "Exponential": y = -mu * Math.log(1 - rng.nextDouble()); break;
                case "Tweedie": {
                    final int count = poisson(rng, mu / 2);
                    y = 0;
                    for (int c = 0; c < count; c++) {
                        y += -2 * Math.log(1 - rng.nextDouble());
                    }
                    break;
                }
                default: throw new IllegalArgumentException(family);
            }
            final DenseInstance inst = new DenseInstance(weight, new double[] {x[0], x[1], x[2], y});
            data.add(inst);
        }
        return data;
    }
}
