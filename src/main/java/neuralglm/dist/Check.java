package neuralglm.dist;

/** Argument checks with messages naming the distribution, the parameter and its value. */
final class Check {

    private Check() {
    }

    static void finite(String dist, String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(dist + " distribution: " + name + " must be finite, got " + v);
        }
    }

    static void positive(String dist, String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(dist + " distribution: " + name + " must be a finite number > 0, got " + v);
        }
    }

    /** Refuses a positive v whose reciprocal overflows (v below 1 / Double.MAX_VALUE, about 5.6e-309). */
    static void invertible(String dist, String name, double v) {
        if (Double.isInfinite(1 / v)) {
            throw new IllegalArgumentException(dist + " distribution: " + name + " = " + v
                    + " is too small: its reciprocal overflows a double (the distribution is a point mass at mu)");
        }
    }

    static void nonNegative(String dist, String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(dist + " distribution: " + name + " must be a finite number >= 0, got " + v);
        }
    }

    /** @return true when y is a non-negative whole number */
    static boolean isCount(double y) {
        return y >= 0 && y == Math.rint(y) && Double.isFinite(y);
    }
}
