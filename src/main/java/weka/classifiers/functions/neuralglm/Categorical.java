package weka.classifiers.functions.neuralglm;

import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;

/** One of k classes with softmax outputs (multinomial logistic regression without hidden layers). */
public class Categorical extends FamilySpec {
    private static final long serialVersionUID = 1L;

    @Override
    public String globalInfo() {
        return "Categorical family: a nominal class with k values, softmax link over k network outputs "
                + "(multinomial logistic regression when there is no hidden layer).";
    }

    @Override
    public Family create(boolean nominalClass) {
        return new CategoricalFamily();
    }

    @Override
    public boolean handlesNumericClass() {
        return false;
    }
}
