package neuralglm.optim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

import neuralglm.nn.Parameters;

/**
 * Full-batch limited-memory BFGS with a strong-Wolfe line search. One {@link #step(Closure)} is one
 * quasi-Newton iteration; {@link #converged()} turns true once {@code max_i |g_i| <= tolerance} or no
 * further decrease is possible.
 * <pre>
 *   Nocedal and Wright, Numerical Optimization (2006), Algorithm 7.4 (two-loop recursion),
 *   Algorithms 3.5 and 3.6 (line search for the strong Wolfe conditions, c1 = 1e-4, c2 = 0.9).
 *   d = -H g,  H from the last m pairs s = x_{k+1} - x_k, y = g_{k+1} - g_k, H0 = (s'y / y'y) I.
 * </pre>
 * Near the optimum the loss can no longer resolve a decrease ({@code |f(t) - f(0)| <= 1e-12 |f(0)|})
 * while the slope {@code phi'(t) = g(x + t d)'d} still can; there a step is accepted on the
 * approximate Wolfe conditions of Hager and Zhang (2005), {@code -c2 |phi'(0)| <= phi'(t) <= 0.8 |phi'(0)|},
 * so the gradient tolerance can be met well below the loss's round-off (a GLM reaches its maximum
 * likelihood coefficients to about 1e-12 relative with tolerance 1e-12).
 * A trial point where the loss is not finite (for example eta leaving a canonical link's domain) is
 * never accepted: the line search halves the step, as IRLS does. A step that starts from a NaN or infinite gradient
 * entry returns a NaN loss (not convergence), which the training loop reports as divergence. Weight decay adds
 * {@code lambda/2 ||theta||^2} to the objective.
 */
public final class LbfgsOptimizer extends Optimizer {
    private static final long serialVersionUID = 1L;

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;
    private static final int MAX_LINE_SEARCH = 40;
    /** Consecutive iterations without any progress (loss or gradient) before stopping. */
    private static final int MAX_STALLED = 5;
    /** Relative size of loss differences treated as round-off (approximate Wolfe regime). */
    private static final double NOISE = 1e-12;
    /** Hager-Zhang's delta: the approximate Wolfe conditions' stand-in for C1. */
    private static final double DELTA = 0.1;

    private final double tolerance;
    private final int history;
    private final double weightDecay;

    private transient double[] x;
    private transient double[] g;
    private transient double f;
    private transient Deque<double[][]> pairs;
    /** Buffers reused by every step (a step allocated five parameter-sized arrays): the start, its gradient, d. */
    private transient double[] xStart;
    private transient double[] gStart;
    private transient double[] dir;
    /** The next pair's s and y arrays: those of the pair the history dropped or did not take, or null. */
    private transient double[] spareS;
    private transient double[] spareY;
    private transient boolean started;
    private transient boolean converged;
    private transient int stalled;
    private transient int evaluations;
    /** max |g_i| of the current gradient g, or NaN until computed (every evaluation changes g). */
    private transient double gMax;

    /** L-BFGS with gradient tolerance 1e-9, history 10, no weight decay. */
    public LbfgsOptimizer() {
        this(1e-9, 10, 0.0);
    }

    /**
     * @param tolerance   stop when the largest absolute gradient entry is at most this (&gt; 0)
     * @param history     number of (s, y) pairs kept (&gt;= 1)
     * @param weightDecay L2 penalty coefficient &gt;= 0
     */
    public LbfgsOptimizer(double tolerance, int history, double weightDecay) {
        this.tolerance = positive("L-BFGS tolerance", tolerance);
        if (history < 1) {
            throw new IllegalArgumentException("L-BFGS history must be >= 1, got " + history);
        }
        this.history = history;
        this.weightDecay = nonNegative("L-BFGS weight decay", weightDecay);
    }

    /** @return the gradient tolerance */
    public double tolerance() { return tolerance; }

    /** @return the weight decay */
    public double weightDecay() { return weightDecay; }

    /**
     * @param value the gradient tolerance of the copy (&gt; 0)
     * @return a fresh L-BFGS with this history and weight decay and the given tolerance
     */
    public LbfgsOptimizer withTolerance(double value) {
        return new LbfgsOptimizer(value, history, weightDecay);
    }

    /** @return how many times the objective was evaluated since initialisation */
    public int evaluations() { return evaluations; }

    @Override
    protected void resetState() {
        final int n = Parameters.size(params);
        x = new double[n];
        g = new double[n];
        pairs = new ArrayDeque<>();
        xStart = new double[n];
        gStart = new double[n];
        dir = new double[n];
        spareS = null;
        spareY = null;
        started = false;
        stalled = 0;
        converged = false;
        evaluations = 0;
        gMax = Double.NaN;
    }

    @Override
    public Optimizer copy() {
        return new LbfgsOptimizer(tolerance, history, weightDecay);
    }

    @Override
    public boolean converged() {
        return converged;
    }

    @Override
    public boolean needsFullBatch() {
        return true;
    }

    @Override
    public void step() {
        throw new UnsupportedOperationException("L-BFGS re-evaluates the objective: call step(closure)");
    }

    // ------------------------------------------------------------------ flat views

    private void gather(double[] xs, double[] gs) {
        Parameters.flatten(params, xs);
        if (gs != null) {
            Parameters.flattenGradients(params, gs);
        }
    }

    private void scatter(double[] xs) {
        Parameters.restore(params, xs);
    }

    /** Evaluates at the current parameters; fills {@code gOut}; returns the penalised loss. */
    private double evaluate(Closure closure, double[] xAt, double[] gOut) {
        evaluations++;
        gMax = Double.NaN;
        double loss = closure.evaluate();
        gather(xAt, gOut);
        if (weightDecay > 0) {
            double sq = 0;
            for (int i = 0; i < xAt.length; i++) {
                sq += xAt[i] * xAt[i];
                gOut[i] += weightDecay * xAt[i];
            }
            loss += 0.5 * weightDecay * sq;
        }
        return loss;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** @return max |g_i| of the current gradient, computed once per evaluation */
    private double gradientMax() {
        if (Double.isNaN(gMax)) {
            gMax = maxAbs(g);
        }
        return gMax;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    // ------------------------------------------------------------------ one iteration

    @Override
    public double step(Closure closure) {
        bound();
        if (!started) {
            f = evaluate(closure, x, g);
            started = true;
            if (!Double.isFinite(f)) {
                return f;
            }
        }
        final double f0 = f;
        if (converged) {
            return f0;
        }
        final double g0Max = gradientMax();
        if (!Double.isFinite(g0Max)) {
            // a finite loss with a NaN or infinite gradient entry: no direction to search and no minimum (a line search
            // along it finds no decrease and would end as "converged" at the start); the loop reports a NaN loss as
            // divergence
            return Double.NaN;
        }
        if (g0Max <= tolerance) {
            converged = true;
            return f0;
        }
        final double[] d = direction();
        double gtd = dot(g, d);
        if (!(gtd < 0)) {
            // not a descent direction (numerical trouble): restart from steepest descent
            pairs.clear();
            for (int i = 0; i < d.length; i++) {
                d[i] = -g[i];
            }
            gtd = dot(g, d);
        }
        final double t0 = pairs.isEmpty() ? Math.min(1.0, 1.0 / l1(g)) : 1.0;
        final double[] x0 = xStart, g0 = gStart;
        System.arraycopy(x, 0, x0, 0, x.length);
        System.arraycopy(g, 0, g0, 0, g.length);
        final boolean moved = lineSearch(closure, x0, f0, g0, d, gtd, t0);
        if (!moved) {
            // no decrease found along d: restore the start; retry once along -g, then stop
            scatter(x0);
            f = evaluate(closure, x, g);
            converged = pairs.isEmpty();
            pairs.clear();
            return f0;
        }
        final double[] s = spareS != null ? spareS : new double[x.length];
        final double[] yv = spareY != null ? spareY : new double[x.length];
        spareS = s;   // until the history takes them
        spareY = yv;
        // y.s, s.s, y.y in one pass: each sum in index order, the same bits as three dot products (y_i s_i = s_i y_i);
        // the largest |s_i|, |x_i| alongside (a maximum does not depend on the order)
        double ys = 0, ss = 0, yy = 0, sMax = 0, xMax = 0;
        for (int i = 0; i < s.length; i++) {
            final double si = x[i] - x0[i], yi = g[i] - g0[i];
            s[i] = si;
            yv[i] = yi;
            ys += yi * si;
            ss += si * si;
            yy += yi * yi;
            sMax = Math.max(sMax, Math.abs(si));
            xMax = Math.max(xMax, Math.abs(x[i]));
        }
        if (ys > 1e-12 * Math.sqrt(ss * yy)) {
            spareS = null;
            spareY = null;
            if (pairs.size() == history) {
                final double[][] dropped = pairs.removeFirst();
                spareS = dropped[0];
                spareY = dropped[1];
            }
            // {s, y, {1 / y.s, y.s, y.y}}: the last pair's y.s / y.y scales the initial Hessian of the next direction
            pairs.addLast(new double[][] {s, yv, {1.0 / ys, ys, yy}});
        }
        // in the round-off regime a step may change neither the loss nor the gradient's size
        final double gMaxNow = gradientMax();
        stalled = f >= f0 && gMaxNow >= g0Max ? stalled + 1 : 0;
        if (gMaxNow <= tolerance || sMax <= 1e-15 * Math.max(1.0, xMax) || stalled >= MAX_STALLED) {
            converged = true;
        }
        return f0;
    }

    private static double l1(double[] a) {
        double s = 0;
        for (double v : a) {
            s += Math.abs(v);
        }
        return s > 0 ? s : 1.0;
    }

    /** Two-loop recursion: {@code d = -H g}. */
    private double[] direction() {
        final double[] q = dir;
        for (int i = 0; i < q.length; i++) {
            q[i] = -g[i];
        }
        final int m = pairs.size();
        final double[] alpha = new double[m];
        final Iterator<double[][]> back = pairs.descendingIterator();
        for (int k = m - 1; k >= 0; k--) {
            final double[][] p = back.next();
            alpha[k] = p[2][0] * dot(p[0], q);
            axpy(-alpha[k], p[1], q);
        }
        if (m > 0) {
            final double[][] last = pairs.getLast();
            final double gamma = last[2][1] / last[2][2];   // s.y / y.y, kept when the pair was made
            for (int i = 0; i < q.length; i++) {
                q[i] *= gamma;
            }
        }
        int k = 0;
        for (double[][] p : pairs) {
            final double beta = p[2][0] * dot(p[1], q);
            axpy(alpha[k] - beta, p[0], q);
            k++;
        }
        return q;
    }

    private static void axpy(double a, double[] xs, double[] ys) {
        for (int i = 0; i < xs.length; i++) {
            ys[i] += a * xs[i];
        }
    }

    // ------------------------------------------------------------------ line search

    /** Sets the parameters to {@code x0 + t d}, evaluates, and leaves x, g, f at that point. */
    private double[] trial(Closure closure, double[] x0, double[] d, double t) {
        for (int i = 0; i < x.length; i++) {
            x[i] = x0[i] + t * d[i];
        }
        scatter(x);
        f = evaluate(closure, x, g);
        return new double[] {t, f, dot(g, d)};
    }

    /**
     * Strong-Wolfe line search from {@code x0} along {@code d}. On return with true, the parameters,
     * x, g and f hold the accepted point; with false, no point with a lower loss was found.
     */
    private boolean lineSearch(Closure closure, double[] x0, double f0, double[] g0, double[] d, double gtd0, double t0) {
        double t = t0;
        double[] prev = {0.0, f0, gtd0};
        double[] cur = trial(closure, x0, d, t);
        int evals = 1;
        // step halving while the trial is not finite (out of the link's domain, overflow)
        while (!Double.isFinite(cur[1]) && evals < MAX_LINE_SEARCH) {
            t *= 0.5;
            cur = trial(closure, x0, d, t);
            evals++;
        }
        if (!Double.isFinite(cur[1])) {
            return false;
        }
        double[] best = cur[1] < f0 ? cur : null;
        final double noise = NOISE * Math.abs(f0);
        for (int iter = 0; evals < MAX_LINE_SEARCH; iter++) {
            if (approximateWolfe(cur, f0, gtd0, noise)) {
                return true;
            }
            final boolean flat = Math.abs(cur[1] - f0) <= noise;
            if (!flat && (cur[1] > f0 + C1 * cur[0] * gtd0 || (iter > 0 && cur[1] >= prev[1]))) {
                return zoom(closure, x0, f0, d, gtd0, prev, cur, evals, best);
            }
            if (Math.abs(cur[2]) <= -C2 * gtd0 && cur[1] <= f0 + C1 * cur[0] * gtd0) {
                return true;
            }
            if (cur[2] >= 0) {
                return zoom(closure, x0, f0, d, gtd0, cur, prev, evals, best);
            }
            final double lo = cur[0] + 0.01 * (cur[0] - prev[0]), hi = cur[0] * 10;
            final double next = cubic(prev, cur, lo, hi);
            prev = cur;
            cur = trial(closure, x0, d, next);
            evals++;
            if (!Double.isFinite(cur[1])) {
                // extrapolated out of the domain: bisect back towards the last good point
                return zoom(closure, x0, f0, d, gtd0, prev, cur, evals, best);
            }
            if (cur[1] < f0 && (best == null || cur[1] < best[1])) {
                best = cur;
            }
        }
        return finish(closure, x0, d, best);
    }

    private boolean zoom(Closure closure, double[] x0, double f0, double[] d, double gtd0,
                         double[] lo, double[] hi, int evals, double[] best) {
        final double noise = NOISE * Math.abs(f0);
        while (evals < MAX_LINE_SEARCH) {
            final double a = Math.min(lo[0], hi[0]), b = Math.max(lo[0], hi[0]);
            if ((b - a) * maxAbs(d) < 1e-16 * Math.max(1.0, maxAbs(x0))) {
                break;
            }
            double t = Double.isFinite(hi[1]) ? cubic(lo, hi, a, b) : 0.5 * (a + b);
            // keep away from the bracket's ends
            final double margin = 0.1 * (b - a);
            if (t < a + margin || t > b - margin) {
                t = 0.5 * (a + b);
            }
            final double[] cur = trial(closure, x0, d, t);
            evals++;
            if (Double.isFinite(cur[1]) && cur[1] < f0 && (best == null || cur[1] < best[1])) {
                best = cur;
            }
            if (approximateWolfe(cur, f0, gtd0, noise)) {
                return true;
            }
            if (Double.isFinite(cur[1]) && Math.abs(cur[1] - lo[1]) <= noise) {
                // loss differences at round-off level: bracket by the sign of the slope alone
                if (cur[2] >= 0) {
                    hi = cur;
                } else {
                    lo = cur;
                }
            } else if (!Double.isFinite(cur[1]) || cur[1] > f0 + C1 * t * gtd0 || cur[1] >= lo[1]) {
                hi = cur;
            } else {
                if (Math.abs(cur[2]) <= -C2 * gtd0) {
                    return true;
                }
                if (cur[2] * (hi[0] - lo[0]) >= 0) {
                    hi = lo;
                }
                lo = cur;
            }
        }
        return finish(closure, x0, d, best);
    }

    /**
     * The approximate Wolfe conditions of Hager and Zhang (2005), for when the loss can no longer
     * resolve the decrease (near the optimum, {@code f(t) - f(0)} is below round-off while the
     * slope is still accurate): {@code |f(t) - f(0)| <= noise} and
     * {@code -C2 |phi'(0)| <= phi'(t) <= (1 - 2 DELTA) |phi'(0)|}.
     */
    private static boolean approximateWolfe(double[] cur, double f0, double gtd0, double noise) {
        return Double.isFinite(cur[1]) && Math.abs(cur[1] - f0) <= noise
                && cur[2] >= C2 * gtd0 && cur[2] <= (2 * DELTA - 1) * gtd0;
    }

    /** Moves to the best trial seen (if any) when the line search ran out of evaluations. */
    private boolean finish(Closure closure, double[] x0, double[] d, double[] best) {
        if (best == null) {
            return false;
        }
        if (best[1] != f) {
            trial(closure, x0, d, best[0]);
        }
        return true;
    }

    /** Minimiser of the cubic through two points with slopes, clamped to [lo, hi]; midpoint if none. */
    private static double cubic(double[] p1, double[] p2, double lo, double hi) {
        final double t1 = p1[0], f1 = p1[1], g1 = p1[2], t2 = p2[0], f2 = p2[1], g2 = p2[2];
        final double d1 = g1 + g2 - 3 * (f1 - f2) / (t1 - t2);
        final double d2sq = d1 * d1 - g1 * g2;
        if (d2sq >= 0 && t1 != t2) {
            final double d2 = Math.copySign(Math.sqrt(d2sq), t2 - t1);
            final double t = t2 - (t2 - t1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2));
            if (Double.isFinite(t)) {
                return Math.min(Math.max(t, lo), hi);
            }
        }
        return 0.5 * (lo + hi);
    }

    @Override
    public String toString() {
        return "LBFGS(tolerance=" + tolerance + ", history=" + history + ", weightDecay=" + weightDecay + ")";
    }
}
