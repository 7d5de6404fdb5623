package neuralglm.family;

import java.util.List;
import java.util.Locale;

/**
 * The one registry of families, which every face reads: the Weka face's option names, the Jython
 * bridge's {@code families} namespace and Spark's {@code --family} all come from {@link #NAMES} and
 * {@link #byName}. A family is listed here once, by its class name; matching ignores case.
 * Adding a family means: its class in this package (stating its distribution, dispersion and label
 * coding), its distribution in {@code neuralglm.dist}, one line here, and its Weka spec class.
 */
public final class Families {

    /** Makes a family from the one number some families take and the choice of link. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param parameter the family's parameter (see {@link Entry#parameterName()}); ignored when it has none
         * @param canonical the canonical link instead of log, where the family offers both
         * @return a new family
         */
        Family create(double parameter, boolean canonical);
    }

    /**
     * One registered family.
     *
     * @param name          the family's name (its class's simple name)
     * @param parameterName what the parameter of {@link #byName} is for it ({@code "alpha"}, {@code "power"}), or null
     * @param factory       how to make it
     */
    public record Entry(String name, String parameterName, Factory factory) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("Gaussian", null, (p, c) -> new GaussianFamily()),
            new Entry("Bernoulli", null, (p, c) -> new BernoulliFamily()),
            new Entry("Binomial", null, (p, c) -> new BinomialFamily()),
            new Entry("Categorical", null, (p, c) -> new CategoricalFamily()),
            new Entry("Poisson", null, (p, c) -> new PoissonFamily()),
            new Entry("Gamma", null, (p, c) -> new GammaFamily(c ? Link.NEGATIVE_INVERSE : Link.LOG)),
            new Entry("InverseGaussian", null, (p, c) -> new InverseGaussianFamily(c ? Link.NEGATIVE_HALF_INVERSE_SQUARED : Link.LOG)),
            new Entry("NegativeBinomial", "alpha", (p, c) -> new NegativeBinomialFamily(p)),
            new Entry("Tweedie", "power", (p, c) -> new TweedieFamily(p)),
            new Entry("Exponential", null, (p, c) -> new ExponentialDistributionFamily(c ? Link.NEGATIVE_INVERSE : Link.LOG)));

    /** The names {@link #byName(String, double, boolean)} knows, in registry order. */
    public static final List<String> NAMES = ENTRIES.stream().map(Entry::name).toList();

    private Families() {
    }

    /** @return the registered families, in order */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /**
     * @param name a family name, case ignored
     * @return its entry
     * @throws IllegalArgumentException naming the known families when {@code name} is not one
     */
    public static Entry entry(String name) {
        final String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Entry e : ENTRIES) {
            if (e.name().toLowerCase(Locale.ROOT).equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown family '" + name + "'; expected one of " + NAMES);
    }

    /**
     * @param name      a family name (see {@link #NAMES}), case ignored
     * @param parameter NegativeBinomial's alpha or Tweedie's power; ignored by the others
     * @param canonical for Gamma, Exponential and InverseGaussian: the canonical link instead of log
     * @return a new family
     * @throws IllegalArgumentException naming the known families when {@code name} is not one
     */
    public static Family byName(String name, double parameter, boolean canonical) {
        return entry(name).factory().create(parameter, canonical);
    }
}
