package neuralglm.nn;

import java.util.List;

/**
 * A list of parameters seen as one vector {@code theta} (parameters in list order, each row-major), as
 * optimisers, the Spark driver, early stopping and model averaging need it:
 * <pre>
 *   flatten:  theta = (vec p_1, ..., vec p_m),   restore: p_i = theta[o_i .. o_i + |p_i|)
 *   axpy:     y_i += a x_i  for every parameter i (values), shapes checked by name and size
 * </pre>
 * and the same for the gradients. No state: every method reads or writes the parameters it is given.
 */
public final class Parameters {

    private Parameters() {
    }

    /** @return the number of scalars in {@code params} */
    public static int size(List<Parameter> params) {
        int n = 0;
        for (Parameter p : params) {
            n += p.size();
        }
        return n;
    }

    /** @return the values of {@code params} laid end to end, in a new array */
    public static double[] flatten(List<Parameter> params) {
        final double[] flat = new double[size(params)];
        flatten(params, flat);
        return flat;
    }

    /** Copies the values of {@code params} into {@code flat} from index 0. */
    public static void flatten(List<Parameter> params, double[] flat) {
        int o = 0;
        for (Parameter p : params) {
            System.arraycopy(p.value().data, 0, flat, o, p.size());
            o += p.size();
        }
    }

    /** Copies the gradients of {@code params} into {@code flat} from index 0. */
    public static void flattenGradients(List<Parameter> params, double[] flat) {
        int o = 0;
        for (Parameter p : params) {
            System.arraycopy(p.grad().data, 0, flat, o, p.size());
            o += p.size();
        }
    }

    /** Sets the values of {@code params} from {@code flat} (from index 0). */
    public static void restore(List<Parameter> params, double[] flat) {
        int o = 0;
        for (Parameter p : params) {
            System.arraycopy(flat, o, p.value().data, 0, p.size());
            o += p.size();
        }
    }

    /** Sets the gradients of {@code params} to {@code scale * flat}. */
    public static void restoreGradients(List<Parameter> params, double[] flat, double scale) {
        int o = 0;
        for (Parameter p : params) {
            final double[] g = p.grad().data;
            for (int i = 0, len = p.size(); i < len; i++) {
                g[i] = flat[o + i] * scale;
            }
            o += p.size();
        }
    }

    /**
     * {@code y += a x}, parameter by parameter (values).
     *
     * @param a the factor
     * @param x parameters. Not modified.
     * @param y parameters with the same names and shapes. Modified.
     * @throws IllegalArgumentException naming the first parameter that differs
     */
    public static void axpy(double a, List<Parameter> x, List<Parameter> y) {
        checkSameShapes(x, y);
        for (int p = 0; p < x.size(); p++) {
            final double[] vx = x.get(p).value().data, vy = y.get(p).value().data;
            for (int i = 0, len = x.get(p).size(); i < len; i++) {
                vy[i] += a * vx[i];
            }
        }
    }

    /**
     * {@code grad(into) += grad(from)}, parameter by parameter (same shapes, as for copies of one network).
     *
     * @param from parameters. Not modified.
     * @param into parameters of the same shapes. Their gradients are modified.
     */
    public static void addGradients(List<Parameter> from, List<Parameter> into) {
        for (int p = 0; p < into.size(); p++) {
            final double[] g = into.get(p).grad().data, h = from.get(p).grad().data;
            for (int i = 0, len = into.get(p).size(); i < len; i++) {
                g[i] += h[i];
            }
        }
    }

    /** {@code values *= factor}, parameter by parameter. */
    public static void scale(List<Parameter> params, double factor) {
        for (Parameter p : params) {
            final double[] v = p.value().data;
            for (int i = 0, len = p.size(); i < len; i++) {
                v[i] *= factor;
            }
        }
    }

    /**
     * @param a parameters
     * @param b parameters
     * @throws IllegalArgumentException unless a and b have the same names and shapes, in the same order
     */
    public static void checkSameShapes(List<Parameter> a, List<Parameter> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("The networks have " + a.size() + " and " + b.size()
                    + " parameter tensors: the architectures differ");
        }
        for (int p = 0; p < a.size(); p++) {
            final Parameter pa = a.get(p), pb = b.get(p);
            if (!pa.name().equals(pb.name()) || pa.value().numRows != pb.value().numRows
                    || pa.value().numCols != pb.value().numCols) {
                throw new IllegalArgumentException("Parameter " + (p + 1) + " is " + pa + " in one network and "
                        + pb + " in the other; the architectures (or input columns) differ");
            }
        }
    }
}
