package weka.classifiers.functions.neuralglm;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import weka.core.OptionHandler;
import weka.core.OptionMetadata;
import weka.core.Randomizable;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.Utils;
import weka.core.WekaPackageClassLoaderManager;

/**
 * Checks command-line values before Weka's {@code Option.setOptionsForHierarchy} applies them: that
 * method catches and only prints a value it cannot use (an unknown family class, "-epochs abc", an
 * unknown activation), leaving the default in place without a word. Here each value given for an
 * {@code @OptionMetadata} property must parse as the property's type (int, long, double, a tag of
 * the {@code SelectedTag}, or a creatable class of the {@code OptionHandler} type with its options),
 * otherwise an exception names the option, the value and what was expected. The seed {@code -S} that a
 * {@link Randomizable} target (Weka's {@code RandomizableClassifier}) parses by hand is checked as an int option too.
 */
public final class StrictOptions {

    private StrictOptions() {
    }

    /**
     * @param target  the object whose options are about to be set (for the property types and tags)
     * @param options the options. Their values are rewritten in place as Weka's option helpers read them
     *                (a tag in another case, a number with blanks: {@link #canonicalValues}); nothing else changes.
     * @throws Exception naming the first option whose value cannot be used
     */
    public static void check(Object target, String[] options) throws Exception {
        canonicalValues(target, options);
        final String[] rest = options.clone();
        for (ValueOption o : valueOptions(target)) {
            final Method m = o.getter();
            final String name = o.name();
            final boolean given = Utils.getOptionPos(name, rest) >= 0;
            final String value = Utils.getOption(name, rest);
            final Class<?> type = m.getReturnType();
            if (value.isEmpty()) {
                // Weka's helpers skip an empty value: the option would keep its default without a word
                if (given && type != String.class) {
                    throw new IllegalArgumentException("Option -" + name + ": no value given");
                }
                continue;
            }
            try {
                if (type == int.class || type == Integer.class) {
                    Integer.parseInt(value.trim());
                } else if (type == long.class || type == Long.class) {
                    Long.parseLong(value.trim());
                } else if (type == double.class || type == Double.class) {
                    Double.parseDouble(value.trim());
                } else if (type == SelectedTag.class) {
                    checkTag(name, value, ((SelectedTag) m.invoke(target)).getTags());
                } else if (OptionHandler.class.isAssignableFrom(type)) {
                    final String[] spec = Utils.splitOptions(value);
                    if (spec.length == 0 || spec[0].isEmpty()) {
                        throw new IllegalArgumentException("Option -" + name + ": no class name given");
                    }
                    final String cls = spec[0];
                    spec[0] = "";
                    final Object made;
                    try {
                        made = make(cls, spec);
                    } catch (Exception e) {
                        if (spec.length > 1 && resolves(cls)) {   // the class exists: its options were refused
                            throw new IllegalArgumentException("Option -" + name + ": '" + cls + "' refused the "
                                    + "options given to it (" + Utils.joinOptions(spec).trim() + "): "
                                    + e.getMessage(), e);
                        }
                        throw new IllegalArgumentException("Option -" + name + ": cannot use '" + cls + "' (expected a "
                                + type.getSimpleName() + " class such as " + type.getPackage().getName() + ".*): "
                                + e.getMessage(), e);
                    }
                    if (!type.isInstance(made)) {
                        throw new IllegalArgumentException("Option -" + name + ": '" + cls + "' is a "
                                + made.getClass().getName() + ", not a " + type.getName());
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Option -" + name + ": '" + value + "' is not "
                        + (type == double.class || type == Double.class ? "a number" : "an integer")
                        + (o.what() == null ? "" : " (" + o.what() + ")"), e);
            }
        }
    }

    /**
     * Sets, and takes out of {@code options}, the values of target's options whose type is an {@link OptionHandler}
     * class (e.g. {@code -family}, {@code -optimizer}), each made as Weka's option helpers make it ({@link #make}),
     * so that Weka's {@code Option.setOptionsForHierarchy}, which leaves an option it is not given as it is, does not
     * make them again: its {@code Utils.forName} matches each name against every class Weka knows first (on the
     * bench's class path with Spark's jars, 46 ms per {@code setOptions}; little on Weka's own). Call after {@link #check}, which has refused what cannot be made.
     *
     * @param target  the object whose options are being set
     * @param options the options. Modified: those options and their values emptied.
     * @throws Exception as the class's construction or its {@code setOptions} throws
     */
    public static void setObjectOptions(Object target, String[] options) throws Exception {
        for (ValueOption o : valueOptions(target)) {
            final Method m = o.getter();
            final Class<?> type = m.getReturnType();
            if (!OptionHandler.class.isAssignableFrom(type) || occurrences(o.name(), options) != 1) {
                continue;   // absent, or given twice: Weka's helpers then take the first as before
            }
            final String value = Utils.getOption(o.name(), options);
            final String[] spec = Utils.splitOptions(value);
            final String cls = spec[0];
            spec[0] = "";
            target.getClass().getMethod("s" + m.getName().substring(1), type).invoke(target, make(cls, spec));
        }
    }

    /** @return how many times {@code -name} is among the options */
    private static int occurrences(String name, String[] options) {
        int count = 0;
        for (String option : options) {
            count += ("-" + name).equals(option) ? 1 : 0;
        }
        return count;
    }

    /** @return whether Weka's option helpers find a class of this name (without options) */
    private static boolean resolves(String cls) {
        try {
            make(cls, new String[0]);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * The object Weka's option helpers make of a class name and its options ({@code Utils.forName}): a class that loads
     * by its name (through Weka's package class loader) made here, as {@code Utils.forName} makes the class it finds;
     * any other name (a short name of another package) through {@code Utils.forName} itself. Weka's {@code forName}
     * first matches the name against every class it knows (its {@code Run.findSchemeMatch}: the lookup cache emptied,
     * the class list searched, each match instantiated), a cost that grows with the class path, for every option
     * checked (and CVParameterSelection calls {@code setOptions} once per candidate).
     */
    private static Object make(String cls, String[] spec) throws Exception {
        final Class<?> c;
        try {
            c = WekaPackageClassLoaderManager.forName(cls);
        } catch (ClassNotFoundException | LinkageError e) {
            return Utils.forName(null, cls, spec);
        }
        final Object made = c.getDeclaredConstructor().newInstance();
        if (made instanceof OptionHandler) {
            ((OptionHandler) made).setOptions(spec);
            Utils.checkForRemainingOptions(spec);
        }
        return made;
    }

    /**
     * An option that takes a value on the command line.
     *
     * @param name   its name, without the dash
     * @param getter the getter of its property (its type is the value's)
     * @param what   what the option is, for messages that cannot show its description; null when not needed
     */
    private record ValueOption(String name, Method getter, String what) {
    }

    /**
     * @return target's options that take a value on the command line: the annotated getters with a parameter name that
     *         are not flags, for a {@link Randomizable} target its seed {@code -S} and for a Weka classifier its
     *         {@code -num-decimal-places} (Weka's base classes parse them by hand, and a value that is not an integer
     *         failed there without naming it)
     */
    private static List<ValueOption> valueOptions(Object target) throws NoSuchMethodException {
        final List<ValueOption> options = new ArrayList<>();
        for (Method m : target.getClass().getMethods()) {
            final OptionMetadata meta = m.getAnnotation(OptionMetadata.class);
            if (meta != null && !meta.commandLineParamIsFlag() && m.getParameterCount() == 0
                    && !meta.commandLineParamName().isEmpty()) {
                options.add(new ValueOption(meta.commandLineParamName(), m, null));
            }
        }
        if (target instanceof Randomizable && options.stream().noneMatch(o -> o.name().equals("S"))) {
            options.add(new ValueOption("S", target.getClass().getMethod("getSeed"), "the random seed"));
        }
        // AbstractClassifier parses it by hand too: "x" failed there as a bare NumberFormatException ("For input string")
        if (target instanceof weka.classifiers.AbstractClassifier
                && options.stream().noneMatch(o -> o.name().equals("num-decimal-places"))) {
            options.add(new ValueOption("num-decimal-places", target.getClass().getMethod("getNumDecimalPlaces"),
                    "the decimal places of the model's numbers"));
        }
        return options;
    }

    /**
     * Writes values as Weka's option helpers read them, in place: numbers without surrounding blanks, a tag by its
     * own spelling when its case differs ({@code -activation relu}, {@code -precision FLOAT32}): the helpers match tags
     * case-sensitively and take no blanks, and on a mismatch print a message and keep the default (check() accepts
     * both, as users write them); a text as its property spells it once set ({@code -hidden ""} is {@code none}: the
     * helpers skip an empty value, and the default would stay).
     *
     * @param target  the object whose options are about to be set
     * @param options the options. Modified: the values normalised.
     */
    static void canonicalValues(Object target, String[] options) throws Exception {
        for (ValueOption o : valueOptions(target)) {
            final Method m = o.getter();
            final String flag = "-" + o.name();
            final Class<?> type = m.getReturnType();
            for (int i = 0; i + 1 < options.length; i++) {
                if (!flag.equals(options[i])) {
                    continue;
                }
                final String value = options[i + 1];
                if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                        || type == double.class || type == Double.class) {
                    options[i + 1] = value.trim();
                } else if (type == SelectedTag.class) {
                    for (Tag t : ((SelectedTag) m.invoke(target)).getTags()) {
                        if (t.getReadable().equalsIgnoreCase(value.trim())) {
                            options[i + 1] = t.getReadable();
                        }
                    }
                } else if (type == String.class) {
                    options[i + 1] = asSet(target, m, value);
                }
            }
        }
    }

    /**
     * @return what the getter {@code m} gives after its setter took {@code value}, on a new instance of target's class
     *         (target is not changed before the options are checked)
     */
    private static String asSet(Object target, Method m, String value) throws Exception {
        final Object scratch = target.getClass().getConstructor().newInstance();
        target.getClass().getMethod("s" + m.getName().substring(1), String.class).invoke(scratch, value);
        return (String) m.invoke(scratch);
    }

    /**
     * Lets a nested option name its class by its simple name, as the and the README's
     * {@code -family "NegativeBinomial -alpha 1.0"} and {@code -optimizer "SGD -lr 0.01"} do: a class
     * token without a dot is replaced, in place, by the class of that name (case ignored) in the
     * package of the property's type, when there is one. Weka's own lookup matches name suffixes, so
     * {@code Gaussian} alone would also match {@code InverseGaussian}.
     *
     * @param target  the object whose options are about to be set
     * @param options the options. Modified: qualified class names.
     */
    public static void qualifyShortNames(Object target, String[] options) {
        for (Method m : target.getClass().getMethods()) {
            final OptionMetadata meta = m.getAnnotation(OptionMetadata.class);
            if (meta == null || m.getParameterCount() != 0 || !OptionHandler.class.isAssignableFrom(m.getReturnType())) {
                continue;
            }
            final String flag = "-" + meta.commandLineParamName();
            for (int i = 0; i + 1 < options.length; i++) {
                if (!flag.equals(options[i])) {
                    continue;
                }
                try {
                    final String[] spec = Utils.splitOptions(options[i + 1]);
                    if (spec.length == 0 || spec[0].contains(".")) {
                        continue;
                    }
                    final Class<?> found = classNamed(m.getReturnType(), spec[0], target.getClass().getClassLoader());
                    if (found != null) {
                        spec[0] = found.getName();
                        options[i + 1] = Utils.joinOptions(spec);
                    }
                } catch (Exception e) {
                    // unbalanced quotes and the like: left for check() to report
                }
            }
        }
    }

    /**
     * @return the class {@code simpleName} (case ignored) in the package of {@code type} assignable to it; else such a
     *         class of another kind of option handler (an optimiser named as the family: {@link #check} then says so);
     *         else null
     */
    private static Class<?> classNamed(Class<?> type, String simpleName, ClassLoader loader) {
        final String pkg = type.getPackage().getName();
        final List<String> spellings = new ArrayList<>(List.of(simpleName,
                Character.toUpperCase(simpleName.charAt(0)) + simpleName.substring(1)));
        for (String known : KNOWN) {
            if (known.equalsIgnoreCase(simpleName)) {
                spellings.add(known);
            }
        }
        Class<?> other = null;
        for (String name : spellings) {
            try {
                final Class<?> c = Class.forName(pkg + "." + name, false, loader);
                if (java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
                    continue;
                }
                if (type.isAssignableFrom(c)) {
                    return c;
                }
                if (other == null && OptionHandler.class.isAssignableFrom(c)) {
                    other = c;
                }
            } catch (ClassNotFoundException e) {
                // try the next spelling
            }
        }
        // (the known spelling of a class of the other kind looked itself up again here, for ever: StackOverflowError)
        return other;
    }

    /**
     * Simple names of the family and optimiser spec classes, for case-insensitive lookup: the engine's
     * registries ({@link neuralglm.family.Families}, {@link neuralglm.optim.Optimizers}) plus Auto.
     */
    private static final List<String> KNOWN = knownNames();

    private static List<String> knownNames() {
        final List<String> names = new ArrayList<>();
        names.add("Auto");
        names.addAll(neuralglm.family.Families.NAMES);
        names.addAll(neuralglm.optim.Optimizers.NAMES);
        return List.copyOf(names);
    }

    private static void checkTag(String name, String value, Tag[] tags) {
        final List<String> names = new ArrayList<>();
        for (Tag t : tags) {
            if (t.getReadable().equalsIgnoreCase(value) || t.getIDStr().equalsIgnoreCase(value)) {
                return;
            }
            names.add(t.getReadable());
        }
        throw new IllegalArgumentException("Option -" + name + ": '" + value + "' is not one of " + String.join(", ", names));
    }
}
