package neuralglm.nn;

import java.util.List;
import java.util.Locale;

import neuralglm.linalg.Kernels;
import org.ejml.data.DMatrixRMaj;

/**
 * An element-wise activation {@code y = f(x)} as a layer; backward is {@code dX = dY * f'(x)}.
 * Subclasses give {@code f} and {@code f'} (which may use the cached output {@code y = f(x)}).
 */
public abstract class Activation implements Layer, Cloneable {
    private static final long serialVersionUID = 1L;

    /** The activation names {@link #byName(String)} knows. */
    public static final List<String> NAMES = List.of("ReLU", "LeakyReLU", "ELU", "Tanh", "Sigmoid", "Softplus", "Squareplus",
            "Identity");

    private transient DMatrixRMaj input;
    private transient DMatrixRMaj output;
    private transient DMatrixRMaj inputGrad;
    /** For an activation that {@link #keepsAux}: what the last {@link #forward} kept per element for backward. */
    private transient double[] aux;

    /**
     * @param x argument
     * @return {@code f(x)}
     */
    public abstract double apply(double x);

    /**
     * @param x argument
     * @param y {@code f(x)}, already computed
     * @return {@code f'(x)}
     */
    public abstract double derivative(double x, double y);

    /**
     * {@code y[i] = f(x[i])} for {@code i < len}; subclasses may override with a loop free of virtual calls.
     */
    void applyAll(double[] x, double[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] = apply(x[i]);
        }
    }

    /** {@code dx[i] = g[i] f'(x[i])} for {@code i < len}, given {@code y = f(x)}. */
    void derivativeTimes(double[] g, double[] x, double[] y, double[] dx, int len) {
        for (int i = 0; i < len; i++) {
            dx[i] = g[i] * derivative(x[i], y[i]);
        }
    }

    /**
     * @return whether the training pass keeps a value per element from forward for backward ({@link #applyAll(double[],
     *         double[], double[], int)}, {@link #derivativeTimes(double[], double[], double[], double[], double[], int)}):
     *         a number f' needs that forward has computed anyway
     */
    boolean keepsAux() {
        return false;
    }

    /**
     * {@code y[i] = f(x[i])}, and for an activation that {@link #keepsAux} {@code aux[i]} a value its derivative needs
     * (the same bits as {@link #applyAll(double[], double[], int)}).
     */
    void applyAll(double[] x, double[] y, double[] aux, int len) {
        applyAll(x, y, len);
    }

    /**
     * {@code dx[i] = g[i] f'(x[i])} given {@code y = f(x)} and the {@code aux} of that forward: the same bits as
     * {@link #derivativeTimes(double[], double[], double[], double[], int)}.
     */
    void derivativeTimes(double[] g, double[] x, double[] y, double[] aux, double[] dx, int len) {
        derivativeTimes(g, x, y, dx, len);
    }

    /** {@code y[i] = f(x[i])} in float (from the double {@link #apply}), for {@link Precision#FLOAT32}. */
    void applyAll(float[] x, float[] y, int len) {
        for (int i = 0; i < len; i++) {
            y[i] = (float) apply(x[i]);
        }
    }

    /** {@code dx[i] = g[i] f'(x[i])} in float, given {@code y = f(x)}. */
    void derivativeTimes(float[] g, float[] x, float[] y, float[] dx, int len) {
        for (int i = 0; i < len; i++) {
            dx[i] = (float) (g[i] * derivative(x[i], y[i]));
        }
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x) {
        input = x;
        output = Kernels.reshape(output, x.numRows, x.numCols);
        final int len = x.getNumElements();
        if (keepsAux()) {
            if (aux == null || aux.length < len) {
                aux = new double[len];
            }
            applyAll(x.data, output.data, aux, len);
        } else {
            applyAll(x.data, output.data, len);
        }
        return output;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dOut) {
        if (input == null) {
            throw new IllegalStateException("backward called before forward");
        }
        inputGrad = Kernels.reshape(inputGrad, dOut.numRows, dOut.numCols);
        if (keepsAux()) {
            derivativeTimes(dOut.data, input.data, output.data, aux, inputGrad.data, dOut.getNumElements());
        } else {
            derivativeTimes(dOut.data, input.data, output.data, inputGrad.data, dOut.getNumElements());
        }
        return inputGrad;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj x) {
        return predict(x, new DMatrixRMaj(x.numRows, x.numCols));
    }

    @Override
    public DMatrixRMaj predict(DMatrixRMaj x, DMatrixRMaj y) {
        y.reshape(x.numRows, x.numCols, false);
        applyAll(x.data, y.data, x.getNumElements());
        return y;
    }

    /** @return the same activation (its settings, such as a slope, included) without cached buffers */
    @Override
    public Activation copy() {
        try {
            final Activation a = (Activation) clone();
            a.input = null;
            a.output = null;
            a.inputGrad = null;
            a.aux = null;
            return a;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "()";
    }

    /**
     * @param name one of {@link #NAMES}, case ignored
     * @return a new activation with default parameters
     * @throws IllegalArgumentException naming the known activations
     */
    public static Activation byName(String name) {
        switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "relu": return new ReLU();
            case "leakyrelu": return new LeakyReLU(0.01);
            case "elu": return new ELU(1.0);
            case "tanh": return new Tanh();
            case "sigmoid": return new Sigmoid();
            case "softplus": return new Softplus();
            case "squareplus": return new Squareplus();
            case "identity": return new Identity();
            default:
                throw new IllegalArgumentException("Unknown activation '" + name + "'; expected one of " + NAMES);
        }
    }

    /**
     * {@code f(x) = max(x, 0)}, {@code f'(x) = [x > 0]} (as {@link Kernels#relu}, {@link Kernels#reluGradFromOutput}); at
     * x NaN the scalar {@link #derivative} is 1, PyTorch's (its gradient passes where the output is not {@code <= 0}),
     * where the kernels, whose training refuses NaN before, give NaN.
     */
    public static final class ReLU extends Activation {
        private static final long serialVersionUID = 1L;
        @Override public double apply(double x) { return Math.max(x, 0.0); }
        @Override public double derivative(double x, double y) { return x <= 0 ? 0.0 : 1.0; }

        // the same maths as apply/derivative, without a virtual call (or a branch) per element
        @Override
        void applyAll(double[] x, double[] y, int len) {
            Kernels.relu(x, y, len);
        }

        @Override
        void derivativeTimes(double[] g, double[] x, double[] y, double[] dx, int len) {
            Kernels.reluGradFromOutput(g, y, dx, len);
        }

        @Override
        void applyAll(float[] x, float[] y, int len) {
            neuralglm.linalg.FloatColumnKernels.relu(x, y, len);
        }

        @Override
        void derivativeTimes(float[] g, float[] x, float[] y, float[] dx, int len) {
            neuralglm.linalg.FloatColumnKernels.reluGradFromOutput(g, y, dx, len);
        }
    }

    /** {@code f(x) = x} for x &gt; 0, {@code slope * x} otherwise. */
    public static final class LeakyReLU extends Activation {
        private static final long serialVersionUID = 1L;
        private final double slope;
        /** @param slope the slope for negative x (PyTorch default 0.01) */
        public LeakyReLU(double slope) { this.slope = slope; }
        @Override public double apply(double x) { return x > 0 ? x : slope * x; }
        @Override public double derivative(double x, double y) { return x > 0 ? 1.0 : slope; }
        @Override public String toString() { return "LeakyReLU(slope=" + slope + ")"; }
    }

    /** {@code f(x) = x} for x &gt; 0, {@code alpha (e^x - 1)} otherwise; {@code f' = y + alpha} there (1 at NaN, PyTorch's). */
    public static final class ELU extends Activation {
        private static final long serialVersionUID = 1L;
        private final double alpha;
        /** @param alpha the saturation value for large negative x (PyTorch default 1) */
        public ELU(double alpha) { this.alpha = alpha; }
        @Override public double apply(double x) { return x > 0 ? x : alpha * Math.expm1(x); }
        @Override public double derivative(double x, double y) { return x <= 0 ? y + alpha : 1.0; }
        @Override public String toString() { return "ELU(alpha=" + alpha + ")"; }
    }

    /** {@code f(x) = tanh x}, {@code f' = 1 - y^2}. */
    public static final class Tanh extends Activation {
        private static final long serialVersionUID = 1L;
        @Override public double apply(double x) { return neuralglm.linalg.SafeMath.tanh(x); }
        @Override public double derivative(double x, double y) { return 1.0 - y * y; }
    }

    /** {@code f(x) = 1/(1 + e^-x)} (stable), {@code f' = y (1 - y)}. */
    public static final class Sigmoid extends Activation {
        private static final long serialVersionUID = 1L;
        @Override public double apply(double x) { return neuralglm.linalg.SafeMath.sigmoid(x); }
        @Override public double derivative(double x, double y) { return y * (1.0 - y); }
    }

    /** {@code f(x) = log(1 + e^x)} (stable), {@code f' = sigmoid(x)}. */
    public static final class Softplus extends Activation {
        private static final long serialVersionUID = 1L;
        @Override public double apply(double x) { return neuralglm.linalg.SafeMath.softplus(x); }
        @Override public double derivative(double x, double y) { return neuralglm.linalg.SafeMath.sigmoid(x); }
    }

    /**
     * Squareplus (Barron 2021), a softplus-like smooth rectifier in algebraic arithmetic only:
     * <pre>
     *   f(x)  = (x + sqrt(x^2 + b)) / 2 = max(x, 0) + (b/2) / (sqrt(x^2 + b) + |x|)     (b = 4: f(0) = 1)
     *   f'(x) = (1 + x / sqrt(x^2 + b)) / 2 = f(x) / sqrt(x^2 + b)
     * </pre>
     * The second forms are free of cancellation on either side (f(x) - f(-x) = x, as softplus), and without a
     * branch or a transcendental call the loops vectorise: about 1.5 ns per element forward and backward against
     * softplus' 20 and 7 (exp, log1p; sigmoid). For |x| &gt; 1e150, where x^2 would overflow, sqrt(x^2 + b) is
     * taken as |x| (its value to the last bit there). A training pass keeps forward's roots for backward
     * ({@link #keepsAux}), whose f' is then one division (the same bits as computing the root again).
     */
    public static final class Squareplus extends Activation {
        private static final long serialVersionUID = 1L;
        /** The curvature parameter b of the default Squareplus. */
        public static final double DEFAULT_B = 4.0;
        /** Beyond this magnitude sqrt(x^2 + b) is |x| in double precision (and x^2 would overflow past 1.3e154). */
        private static final double BIG = 1e150;
        private final double b;

        /** Squareplus with b = {@value #DEFAULT_B}. */
        public Squareplus() {
            this(DEFAULT_B);
        }

        /** @param b the curvature, &gt; 0: f(0) = sqrt(b)/2, and f approaches max(x, 0) as b goes to 0 */
        public Squareplus(double b) {
            if (!(b > 0) || Double.isInfinite(b)) {
                throw new IllegalArgumentException("Squareplus needs b > 0 and finite, got " + b);
            }
            this.b = b;
        }

        /** @return sqrt(x^2 + b), or |x| beyond {@link #BIG} */
        private static double root(double x, double b) {
            final double a = Math.abs(x), c = Math.min(a, BIG);
            return Math.max(Math.sqrt(c * c + b), a);
        }

        @Override public double apply(double x) { return Math.max(x, 0.0) + 0.5 * b / (root(x, b) + Math.abs(x)); }
        @Override public double derivative(double x, double y) { return y / root(x, b); }

        // the same expressions as apply/derivative, written out so that the JIT vectorises the loops
        @Override
        void applyAll(double[] x, double[] y, int len) {
            final double bb = b, hb = 0.5 * b;
            for (int i = 0; i < len; i++) {
                final double xi = x[i], a = Math.abs(xi), c = Math.min(a, BIG);
                y[i] = Math.max(xi, 0.0) + hb / (Math.max(Math.sqrt(c * c + bb), a) + a);
            }
        }

        @Override
        void derivativeTimes(double[] g, double[] x, double[] y, double[] dx, int len) {
            final double bb = b;
            for (int i = 0; i < len; i++) {
                final double a = Math.abs(x[i]), c = Math.min(a, BIG);
                dx[i] = g[i] * (y[i] / Math.max(Math.sqrt(c * c + bb), a));
            }
        }

        @Override
        boolean keepsAux() {
            return true;
        }

        /** As {@link #applyAll(double[], double[], int)}, keeping each root sqrt(x^2 + b) in aux. */
        @Override
        void applyAll(double[] x, double[] y, double[] aux, int len) {
            final double bb = b, hb = 0.5 * b;
            for (int i = 0; i < len; i++) {
                final double xi = x[i], a = Math.abs(xi), c = Math.min(a, BIG), r = Math.max(Math.sqrt(c * c + bb), a);
                aux[i] = r;
                y[i] = Math.max(xi, 0.0) + hb / (r + a);
            }
        }

        /** f' = y / sqrt(x^2 + b) with forward's roots. */
        @Override
        void derivativeTimes(double[] g, double[] x, double[] y, double[] aux, double[] dx, int len) {
            for (int i = 0; i < len; i++) {
                dx[i] = g[i] * (y[i] / aux[i]);
            }
        }

        @Override public String toString() { return b == DEFAULT_B ? "Squareplus()" : "Squareplus(b=" + b + ")"; }
    }

    /** {@code f(x) = x}. */
    public static final class Identity extends Activation {
        private static final long serialVersionUID = 1L;
        @Override public double apply(double x) { return x; }
        @Override public double derivative(double x, double y) { return 1.0; }
    }
}
