package weka.classifiers.functions.neuralglm;

import neuralglm.family.Family;

/**
 * The output distribution of a {@link weka.classifiers.functions.NeuralGLM}, as chosen in the
 * Explorer or with {@code -family "<class> <options>"}: it creates the engine's
 * {@link neuralglm.family.Family} and says which class attribute types it can model.
 */
public abstract class FamilySpec extends Spec {
    private static final long serialVersionUID = 1L;

    /**
     * @param nominalClass whether the class attribute is nominal
     * @return a new engine family for that class attribute
     */
    public abstract Family create(boolean nominalClass);

    /** @return true when a nominal class can be modelled (categorical, or binary as 0/1); true unless overridden */
    public boolean handlesNominalClass() {
        return true;
    }

    /** @return true when a numeric class can be modelled; true unless overridden */
    public boolean handlesNumericClass() {
        return true;
    }
}
