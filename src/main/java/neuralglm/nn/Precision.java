package neuralglm.nn;

import java.util.Locale;

/**
 * The arithmetic of a training pass. {@link #FLOAT64} (the default) computes every step in double;
 * {@link #FLOAT32} computes the forward and backward passes of a network of {@link Linear} and
 * {@link Activation} layers in single precision, as PyTorch's default: the layers' parameters, their
 * gradients, the optimiser and the family's {@code dNLL/deta} stay double, and each pass uses a float
 * copy of the weights. Rounding then grows from about 1e-16 to about 1e-7 relative per operation. A network
 * trained in FLOAT32 then predicts in float32 too ({@link Sequential#setPrecision}, set by the training session), as
 * PyTorch's float32 model does: the final loss and the statistics made from its outputs are those of its own (float)
 * predictions, summed in double.
 */
public enum Precision {
    /** IEEE double: 53-bit significand. */
    FLOAT64,
    /** IEEE single: 24-bit significand, twice the vector lanes. */
    FLOAT32;

    /**
     * @param name "float64" or "float32" (also "double", "float"), case ignored
     * @return the precision
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Precision byName(String name) {
        switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "float64": case "double": return FLOAT64;
            case "float32": case "float": return FLOAT32;
            default:
                throw new IllegalArgumentException("Unknown precision '" + name + "'; expected float64 or float32");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
