package weka.classifiers.functions.neuralglm;

import java.io.Serializable;
import java.util.Enumeration;

import weka.core.Option;
import weka.core.OptionHandler;
import weka.core.Utils;

/**
 * A small configuration object edited in Weka's GenericObjectEditor and written on the command line
 * as {@code "<class name> <options>"}. Its options come only from {@code @OptionMetadata} on its
 * getters, through {@link Option}'s reflection helpers (after {@link StrictOptions} has checked the
 * values, as those helpers ignore a value they cannot parse); there is no hand-written parsing.
 */
public abstract class Spec implements OptionHandler, Serializable {
    private static final long serialVersionUID = 1L;

    /** @return the text the GenericObjectEditor shows as "About" */
    public abstract String globalInfo();

    @Override
    public Enumeration<Option> listOptions() {
        return Option.listOptionsForClassHierarchy(getClass(), Spec.class).elements();
    }

    @Override
    public void setOptions(String[] options) throws Exception {
        StrictOptions.check(this, options);
        Option.setOptionsForHierarchy(options, this, Spec.class);
    }

    @Override
    public String[] getOptions() {
        return Option.getOptionsForHierarchy(this, Spec.class);
    }

    /** @return the short class name followed by the options, e.g. {@code Tweedie -power 1.5} */
    @Override
    public String toString() {
        return (getClass().getSimpleName() + " " + Utils.joinOptions(getOptions())).trim();
    }
}
