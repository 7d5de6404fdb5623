package weka.classifiers.functions.neuralglm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import weka.core.Instance;
import weka.core.Instances;

/**
 * What a {@code -resume} build must find unchanged to continue a run: the training data as given
 * (header, number of instances, every value and weight, in order) and every option that shapes the
 * model (all of the classifier's options except those that do not: the epoch total, which a resume
 * moves, {@code -resume} itself, and Weka's output settings). The data enter as two independent
 * 64-bit hashes of the values' bits, so an accidental collision has probability about 2^-128; the
 * options enter as their text, so that any option added later counts unless excluded here.
 */
public final class RunFingerprint {

    /** Options that do not shape the model, with whether each takes a value. */
    private static final Map<String, Boolean> IGNORED = Map.of("-epochs", true, "-resume", false,
            "-output-debug-info", false, "-do-not-check-capabilities", false, "-num-decimal-places", true,
            "-batch-size", true);

    private final Instances header;
    private final int instances;
    private final long hash1;
    private final long hash2;
    private final Map<String, String> options;

    private RunFingerprint(Instances header, int instances, long hash1, long hash2, Map<String, String> options) {
        this.header = header;
        this.instances = instances;
        this.hash1 = hash1;
        this.hash2 = hash2;
        this.options = options;
    }

    /**
     * @param data    the training data as given to the build. Not modified.
     * @param options the classifier's options ({@code getOptions()})
     * @return the fingerprint
     */
    public static RunFingerprint of(Instances data, String[] options) {
        long a = 0x243F6A8885A308D3L, b = 0x13198A2E03707344L;
        final int m = data.numAttributes();
        for (int i = 0; i < data.numInstances(); i++) {
            final Instance row = data.instance(i);
            if (row.numAttributes() < m) {
                InputChecks.checkLength(row, i + 1);
            }
            for (int j = 0; j <= m; j++) {
                final long bits = Double.doubleToLongBits(j < m ? row.value(j) : row.weight());
                a = Long.rotateLeft(a ^ bits, 29) * 0x9E3779B97F4A7C15L;
                b = (Long.rotateLeft(b, 23) ^ bits) * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
            }
        }
        return new RunFingerprint(new Instances(data, 0), data.numInstances(), mix(a), mix(b), shaping(options));
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    /** @return the options that shape the model, by name ("" for a flag), in order */
    private static Map<String, String> shaping(String[] options) {
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i++) {
            final String name = options[i];
            final boolean hasValue = i + 1 < options.length && !isName(options[i + 1]);
            final String value = hasValue ? options[++i] : "";
            if (!IGNORED.containsKey(name) && !name.isEmpty()) {
                map.put(name, value);
            }
        }
        return map;
    }

    /** @return whether s is an option name ("-hidden") rather than a value (such as "-1" or "-1e-3") */
    private static boolean isName(String s) {
        if (s.length() < 2 || s.charAt(0) != '-') {
            return false;
        }
        try {
            Double.parseDouble(s);
            return false;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /**
     * @param before the fingerprint of the run that would be continued
     * @return null when the two agree; else what differs, in words (the first option that differs, or how
     *         the data differ)
     */
    public String differenceFrom(RunFingerprint before) {
        final List<String> changed = new ArrayList<>();
        final Set<String> names = new java.util.LinkedHashSet<>(before.options.keySet());
        names.addAll(options.keySet());
        for (String name : names) {
            final String was = before.options.get(name), now = options.get(name);
            if (!Objects.equals(was, now)) {
                changed.add("option " + name + " " + (was == null ? "was not set" : was.isEmpty() ? "was set" : "was " + was)
                        + (now == null ? ", now not set" : now.isEmpty() ? ", now set" : ", now " + now));
            }
        }
        if (!changed.isEmpty()) {
            return String.join("; ", changed);
        }
        if (!before.header.equalHeaders(header)) {
            return "the training data differ from the run's: "
                    + before.header.equalHeadersMsg(header).trim().replaceAll("\\s*\\n\\s*", " ");
        }
        if (instances != before.instances) {
            return "the training data have " + instances + " instances, the run's had " + before.instances;
        }
        if (hash1 != before.hash1 || hash2 != before.hash2) {
            return "the training data have different values, weights or order of instances";
        }
        return null;
    }
}
