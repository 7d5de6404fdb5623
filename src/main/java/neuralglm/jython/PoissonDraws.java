package neuralglm.jython;

import java.util.function.DoubleSupplier;

/**
 * The Poisson sampler PyTorch's {@code sample_poisson} and numpy's legacy {@code random_poisson} share, on a stream of
 * float64 uniforms U on [0, 1):
 * <pre>
 *   lam &lt; 10    the product of uniforms: count the factors U until the product falls to exp(-lam) or below
 *   lam &gt;= 10   Hörmann's transformed rejection (PTRS, 1993): k = floor((2a / us + b) u + lam + 0.43) from
 *               u = U - 1/2, us = 1/2 - |u|, accepted outright when us &gt;= 0.07 and V &lt;= vr, else by
 *               log V + log(1/alpha) - log(a / us^2 + b) &lt;= -lam + k log lam - log k!
 * </pre>
 */
final class PoissonDraws {

    private PoissonDraws() {
    }

    /**
     * @param lam     the rate, finite and &gt;= 0
     * @param uniform the stream of uniforms
     * @return one Poisson(lam) count
     */
    static long draw(double lam, DoubleSupplier uniform) {
        if (lam >= 10) {
            final double slam = Math.sqrt(lam), loglam = Math.log(lam);
            final double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
            final double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
            while (true) {
                final double u = uniform.getAsDouble() - 0.5, v = uniform.getAsDouble();
                final double us = 0.5 - Math.abs(u);
                final long k = (long) Math.floor((2 * a / us + b) * u + lam + 0.43);
                if (us >= 0.07 && v <= vr) {
                    return k;
                }
                if (k < 0 || us < 0.013 && v > us) {
                    continue;
                }
                if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
                        <= -lam + k * loglam - neuralglm.dist.SpecialFunctions.logGamma(k + 1.0)) {
                    return k;
                }
            }
        }
        if (lam == 0) {
            return 0;
        }
        final double enlam = Math.exp(-lam);
        long x = 0;
        double prod = 1.0;
        while (true) {
            prod *= uniform.getAsDouble();
            if (prod > enlam) {
                x++;
            } else {
                return x;
            }
        }
    }
}
