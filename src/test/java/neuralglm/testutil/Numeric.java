package neuralglm.testutil;

import java.util.function.DoubleUnaryOperator;

/**
 * Independent numerical references for tests: finite differences and a golden-section minimiser.
 * <pre>
 *   f'(x) ~ (-f(x+2h) + 8 f(x+h) - 8 f(x-h) + f(x-2h)) / (12 h)      error O(h^4 f^(5)) + O(eps |f| / h)
 * </pre>
 */
public final class Numeric {

    /** Machine epsilon of double. */
    public static final double EPS = Math.ulp(1.0);

    private Numeric() {
    }

    /**
     * Five-point central difference.
     *
     * @param f function
     * @param x point
     * @param h step
     * @return approximation of {@code f'(x)}
     */
    public static double derivative(DoubleUnaryOperator f, double x, double h) {
        return (-f.applyAsDouble(x + 2 * h) + 8 * f.applyAsDouble(x + h)
                - 8 * f.applyAsDouble(x - h) + f.applyAsDouble(x - 2 * h)) / (12 * h);
    }

    /**
     * Bound on the rounding error of {@link #derivative}: the stencil's weights (18/12) times the
     * rounding of the largest function value, over h, with a safety factor of 10.
     *
     * @param f function
     * @param x point
     * @param h step
     * @return {@code 15 eps max|f(x + j h)| / h}
     */
    public static double roundingBound(DoubleUnaryOperator f, double x, double h) {
        double m = 0;
        for (int j = -2; j <= 2; j++) {
            m = Math.max(m, Math.abs(f.applyAsDouble(x + j * h)));
        }
        return 15 * EPS * m / h;
    }

    /**
     * Golden-section search for the minimum of a unimodal function on {@code [a, b]}.
     *
     * @param f function
     * @param a left end
     * @param b right end
     * @return {@code {argmin, min}}
     */
    public static double[] minimise(DoubleUnaryOperator f, double a, double b) {
        final double r = (Math.sqrt(5) - 1) / 2;
        double c = b - r * (b - a), d = a + r * (b - a);
        double fc = f.applyAsDouble(c), fd = f.applyAsDouble(d);
        for (int it = 0; it < 400 && b - a > 1e-15 * (Math.abs(a) + Math.abs(b)); it++) {
            if (fc <= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - r * (b - a);
                fc = f.applyAsDouble(c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + r * (b - a);
                fd = f.applyAsDouble(d);
            }
        }
        return fc <= fd ? new double[] {c, fc} : new double[] {d, fd};
    }

    /**
     * @param a first
     * @param b second
     * @return {@code max_i |a_i - b_i|}
     */
    public static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /**
     * @param a values
     * @return {@code max_i |a_i|}
     */
    public static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
