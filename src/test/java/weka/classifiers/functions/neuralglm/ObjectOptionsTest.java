package weka.classifiers.functions.neuralglm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import weka.classifiers.functions.NeuralGLM;
import weka.core.ClassDiscovery;
import weka.core.Utils;

/**
 * NeuralGLM's object options ({@code -family}, {@code -optimizer}) are made by {@link StrictOptions#setObjectOptions}
 * without Weka's {@code Utils.forName}, which outside Weka's test mode first matches the name against every class it
 * knows (emptying its lookup cache and searching the class list: 46 ms per {@code setOptions} on the bench's class
 * path, which CVParameterSelection calls once per candidate).
 * Checked with that mode off: a mark in Weka's lookup cache survives {@code setOptions} (and does not survive one
 * {@code Utils.forName}, so the check can fail), and the options took effect as Weka's helpers would have set them.
 */
class ObjectOptionsTest {

    /** Weka's cache of class-name lookups, which its scheme match empties ({@code ClassDiscovery.clearCache}) first. */
    @SuppressWarnings("unchecked")
    private static java.util.Map<String, java.util.Vector<String>> lookups() throws Exception {
        final java.lang.reflect.Field f = ClassDiscovery.class.getDeclaredField("m_Cache");
        f.setAccessible(true);
        return (java.util.Map<String, java.util.Vector<String>>) f.get(null);
    }

    /** @return whether Weka's scheme match ran since {@link #mark} (it empties the lookups) */
    private static boolean matched() throws Exception {
        return !lookups().containsKey(MARK);
    }

    private static void mark() throws Exception {
        lookups().put(MARK, new java.util.Vector<>());
    }

    private static final String MARK = "ObjectOptionsTest-mark";

    @Test
    void setOptionsMakesTheObjectOptionsWithoutWekasSchemeMatch() throws Exception {
        final String mode = System.getProperty("weka.test.maventest");
        System.setProperty("weka.test.maventest", "false");
        try {
            Utils.forName(null, Poisson.class.getName(), new String[0]);   // the caches exist
            mark();
            Utils.forName(null, Poisson.class.getName(), new String[0]);
            assertTrue(matched(), "Weka's Utils.forName runs its scheme match (what this test detects)");

            mark();
            final NeuralGLM g = new NeuralGLM();
            g.setOptions(Utils.splitOptions("-family \"NegativeBinomial -alpha 0.5\" -optimizer \"SGD -lr 0.05 -momentum 0.9\" "
                    + "-epochs 7"));
            assertFalse(matched(), "setOptions ran Weka's scheme match");
            assertEquals(NegativeBinomial.class, g.getFamily().getClass());
            assertEquals(SGD.class, g.getOptimizer().getClass());
            final String opts = Utils.joinOptions(g.getOptions());
            assertTrue(opts.contains("-alpha 0.5"), opts);
            assertTrue(opts.contains("-lr 0.05") && opts.contains("-momentum 0.9"), opts);
            assertEquals(7, g.getEpochs());
            // the round trip through getOptions, fully qualified names, also without a rebuild
            final NeuralGLM h = new NeuralGLM();
            h.setOptions(g.getOptions());
            assertFalse(matched(), "setOptions(getOptions()) ran Weka's scheme match");
            assertEquals(opts, Utils.joinOptions(h.getOptions()));
            // an option left out keeps its value, as Weka's helpers leave it
            h.setOptions(Utils.splitOptions("-epochs 9"));
            assertEquals(SGD.class, h.getOptimizer().getClass());
            assertEquals(NegativeBinomial.class, h.getFamily().getClass());
            // a class that cannot be made is still refused by name
            final Exception e = assertThrows(Exception.class,
                    () -> new NeuralGLM().setOptions(Utils.splitOptions("-optimizer \"SGD -lr abc\"")));
            assertTrue(String.valueOf(e.getMessage()).contains("-optimizer"), e.getMessage());
        } finally {
            if (mode == null) {
                System.clearProperty("weka.test.maventest");
            } else {
                System.setProperty("weka.test.maventest", mode);
            }
        }
    }
}
