package neuralglm.nn;

import java.io.Serializable;

import org.ejml.data.DMatrixRMaj;

/**
 * A trainable tensor: its value and the gradient accumulated into it by {@link Layer#backward}.
 * The gradient only ever grows ({@code +=}) until {@link #zeroGrad()} clears it.
 */
public final class Parameter implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final DMatrixRMaj value;
    private final DMatrixRMaj grad;

    /**
     * @param name  a name such as {@code "fc1.weight"}
     * @param value the value, taken as is (not copied)
     */
    public Parameter(String name, DMatrixRMaj value) {
        this.name = name;
        this.value = value;
        this.grad = new DMatrixRMaj(value.numRows, value.numCols);
    }

    /** @return a parameter of the same name with a copy of the value and a zero gradient */
    public Parameter copy() {
        return new Parameter(name, value.copy());
    }

    /** @return the name, such as {@code "fc1.weight"} */
    public String name() {
        return name;
    }

    /** @return the value; optimisers modify it in place */
    public DMatrixRMaj value() {
        return value;
    }

    /** @return the accumulated gradient, same shape as the value */
    public DMatrixRMaj grad() {
        return grad;
    }

    /** @return number of scalar entries */
    public int size() {
        return value.getNumElements();
    }

    /** Sets the gradient to zero. */
    public void zeroGrad() {
        java.util.Arrays.fill(grad.data, 0, grad.getNumElements(), 0.0);
    }

    /**
     * Overwrites the value.
     *
     * @param values row-major entries; the length must equal {@link #size()}
     */
    public void set(double[] values) {
        if (values.length != size()) {
            throw new IllegalArgumentException(String.format("Parameter %s has %d x %d = %d entries, got %d",
                    name, value.numRows, value.numCols, size(), values.length));
        }
        System.arraycopy(values, 0, value.data, 0, values.length);
    }

    @Override
    public String toString() {
        return name + " (" + value.numRows + " x " + value.numCols + ")";
    }
}
