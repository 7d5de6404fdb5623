package weka.classifiers.functions.neuralglm;

import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.family.GaussianFamily;

/** Chooses the family from the class attribute: Categorical for a nominal class, Gaussian for a numeric one. */
public class Auto extends FamilySpec {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Chooses the family from the class attribute: Categorical (softmax outputs, one per class) for a "
                + "nominal class, Gaussian (identity link, least squares) for a numeric class.";
    }

    @Override
    public Family create(boolean nominalClass) {
        return nominalClass ? new CategoricalFamily() : new GaussianFamily();
    }
}
