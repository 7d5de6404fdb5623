package neuralglm.optim;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The one registry of optimisers, which every face reads (the Weka face's option names, Spark's
 * {@code --optimizer}): name, default learning rate, and a factory from a learning rate. Matching
 * ignores case.
 */
public final class Optimizers {

    /**
     * One registered optimiser.
     *
     * @param name      its name (its class's simple name)
     * @param defaultLr the learning rate used when none is given (NaN: the optimiser takes none)
     * @param factory   makes it from a learning rate
     */
    public record Entry(String name, double defaultLr, DoubleFunction<Optimizer> factory) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("SGD", 0.01, SgdOptimizer::new),
            new Entry("Adam", 1e-3, AdamOptimizer::new),
            new Entry("LBFGS", Double.NaN, lr -> new LbfgsOptimizer()));

    /** The names {@link #byName} knows, in registry order. */
    public static final List<String> NAMES = ENTRIES.stream().map(Entry::name).toList();

    private Optimizers() {
    }

    /**
     * @param name an optimiser name (see {@link #NAMES}), case ignored
     * @param lr   the learning rate, or NaN for the optimiser's default
     * @return a new optimiser
     * @throws IllegalArgumentException naming the known optimisers when {@code name} is not one
     */
    public static Optimizer byName(String name, double lr) {
        final String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Entry e : ENTRIES) {
            if (e.name().toLowerCase(Locale.ROOT).equals(key)) {
                return e.factory().apply(Double.isNaN(lr) ? e.defaultLr() : lr);
            }
        }
        throw new IllegalArgumentException("Unknown optimiser '" + name + "'; expected one of " + NAMES);
    }
}
