package neuralglm.family;

import java.util.List;
import java.util.Locale;

/**
 * Looks families up by name, for faces that take a family as text. The names are the class names;
 * matching ignores case.
 */
public final class Families {

    /** The names {@link #byName(String, double, boolean)} knows. */
    public static final List<String> NAMES = List.of("Gaussian", "Bernoulli", "Binomial", "Categorical",
            "Poisson", "Gamma", "InverseGaussian", "NegativeBinomial", "Tweedie", "Exponential");

    private Families() {
    }

    /**
     * @param name      a family name (see {@link #NAMES}), case ignored
     * @param parameter NegativeBinomial's alpha or Tweedie's power; ignored by the others
     * @param canonical for Gamma, Exponential and InverseGaussian: the canonical link instead of log
     * @return a new family
     * @throws IllegalArgumentException naming the known families when {@code name} is not one
     */
    public static Family byName(String name, double parameter, boolean canonical) {
        switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "gaussian": return new Gaussian();
            case "bernoulli": return new Bernoulli();
            case "binomial": return new Binomial();
            case "categorical": return new Categorical();
            case "poisson": return new Poisson();
            case "gamma": return new Gamma(canonical ? Link.NEGATIVE_INVERSE : Link.LOG);
            case "exponential": return new Exponential(canonical ? Link.NEGATIVE_INVERSE : Link.LOG);
            case "inversegaussian": return new InverseGaussian(canonical ? Link.NEGATIVE_HALF_INVERSE_SQUARED : Link.LOG);
            case "negativebinomial": return new NegativeBinomial(parameter);
            case "tweedie": return new Tweedie(parameter);
            default:
                throw new IllegalArgumentException("Unknown family '" + name + "'; expected one of " + NAMES);
        }
    }
}
