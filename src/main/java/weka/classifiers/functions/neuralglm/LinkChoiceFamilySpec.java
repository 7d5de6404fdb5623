package weka.classifiers.functions.neuralglm;

import weka.core.OptionMetadata;
import weka.core.SelectedTag;
import weka.core.Tag;

/**
 * A family whose canonical link restricts eta to a half line (Gamma, Exponential, Inverse Gaussian):
 * it offers the log link (default) and the canonical link.
 */
public abstract class LinkChoiceFamilySpec extends ScalarFamilySpec {
    private static final long serialVersionUID = 1L;

    /** Tag id of the log link. */
    static final int LOG = 0;
    /** Tag id of the canonical link. */
    static final int CANONICAL = 1;
    /** The two links, by their command-line names. */
    static final Tag[] TAGS_LINK = {new Tag(LOG, "log", "log"), new Tag(CANONICAL, "canonical", "canonical")};

    private int link = LOG;

    /** @return whether the canonical link is selected */
    boolean canonical() {
        return link == CANONICAL;
    }

    /** @return the link: {@code log} or {@code canonical} */
    @OptionMetadata(displayName = "link",
            description = "The link function: 'log' (default) keeps every network output in the mean's domain (mu = exp(eta) > 0); "
                    + "'canonical' gives the exact GLM canonical link, whose eta must stay negative, which a network does not "
                    + "guarantee (the optimiser then halves steps or stops with a message; a build keeps its training "
                    + "instances' eta negative, and a new instance whose eta is not has no mean: it is predicted as missing).",
            commandLineParamName = "link", commandLineParamSynopsis = "-link <log|canonical>", displayOrder = 1)
    public SelectedTag getLink() {
        return new SelectedTag(link, TAGS_LINK);
    }

    /** @param value {@code log} or {@code canonical} */
    public void setLink(SelectedTag value) {
        if (value.getTags() == TAGS_LINK) {
            link = value.getSelectedTag().getID();
        }
    }
}
