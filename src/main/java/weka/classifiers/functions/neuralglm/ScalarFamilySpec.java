package weka.classifiers.functions.neuralglm;

/** A family for a numeric class (its target is the class value itself). */
public abstract class ScalarFamilySpec extends FamilySpec {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean handlesNominalClass() {
        return false;
    }
}
