package neuralglm.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Supplier;

import neuralglm.family.Family;
import neuralglm.nn.Sequential;
import neuralglm.optim.Optimizer;
import org.ejml.data.DMatrixRMaj;

/**
 * Chooses the strength of the L2 penalty (weight decay) of an early-stopped network by its held-out loss,
 * from the strongest candidate down:
 * <pre>
 *   rows split into T and V by the trainer's early stopping (ValidationSplit: stratified by class, seeded)
 *   for lambda in lambdas (descending):
 *       fit a fresh network on T with early stopping on V, minimising  sum_T w_i l_i + lambda/2 ||theta||^2
 *           (the optimiser's decay on the mean NLL is lambda / W_T, W_T = sum_T w_i)
 *       v(lambda) = the lowest validation mean NLL of that run (at the epoch whose weights it keeps)
 *       stop after the first lambda whose v is not below the best so far (v is U-shaped in log lambda)
 *   return argmin v
 * </pre>
 * (glmnet's one-standard-error rule, the strongest lambda within one standard error of the minimum, was
 * tried in the held-out study and chose too strong a penalty on small data sets.)
 * Every fit starts from the same fresh network and the same split, so refitting the chosen penalty with
 * the same trainer reproduces the chosen run. lambda is the precision of a Gaussian prior on every weight
 * and bias, on the scale of the summed log-likelihood: its pull on the fit shrinks as the data grow.
 */
public final class PenaltySelection {

    /** Receives each point of the path. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param lambda         the penalty just fitted
         * @param validationLoss its held-out mean NLL
         */
        void onPenalty(double lambda, double validationLoss);
    }

    /** Fits a ridge GLM on the given rows at a penalty lambda: null when none can be fitted. */
    @FunctionalInterface
    public interface LinearFitter {
        /**
         * @param lambda the penalty
         * @param x      inputs. Not modified.
         * @param y      targets. Not modified.
         * @param w      weights or null. Not modified.
         * @param offset offsets on eta or null. Not modified.
         * @return the GLM, or null
         */
        Sequential fit(double lambda, DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset);
    }

    private final double[] lambdas;
    private final double[] losses;
    private final double best;
    private final double standardError;
    /**
     * The early-stopped network of the chosen penalty (at its best epoch); null for {@link #selectConverged} and when
     * no fit had a finite held-out loss.
     */
    private Sequential bestNetwork;
    /**
     * The finished training session of {@link #bestNetwork} from {@link #select}: the run a refit of the chosen penalty
     * with the same trainer would repeat; null otherwise.
     */
    private TrainingSession bestSession;
    /** From {@link #selectConverged} given a {@link LinearFitter}: the held-out comparison at the chosen penalty. */
    private LinearTerm linearTerm;

    private PenaltySelection(double[] lambdas, double[] losses, double best, double standardError) {
        this.lambdas = lambdas;
        this.losses = losses;
        this.best = best;
        this.standardError = standardError;
    }

    /**
     * @param fresh     a new network at its starting point (e.g. {@link NullStart}); called once per penalty
     * @param family    the output distribution
     * @param optimizer the optimiser prototype for a decay coefficient on the mean NLL
     * @param trainer   epochs, batch size, seed, threads and early stopping of each fit
     * @param x         inputs, n x d. Not modified.
     * @param y         targets, n x k. Not modified.
     * @param w         instance weights or null. Not modified.
     * @param lambdas   candidate penalties, &gt;= 0, tried from the largest down
     * @param listener  receives each point of the path, or null
     * @return the penalties tried, their held-out losses, and the best
     * @throws IllegalArgumentException when no penalty is given or the trainer has no early stopping
     */
    public static PenaltySelection select(Supplier<Sequential> fresh, Family family, DoubleFunction<Optimizer> optimizer,
                                          Trainer trainer, DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] lambdas,
                                          Listener listener) {
        return select(fresh, family, optimizer, trainer, x, y, w, null, lambdas, listener);
    }

    /**
     * {@link #select(Supplier, Family, DoubleFunction, Trainer, DMatrixRMaj, DMatrixRMaj, double[], double[], Listener)}
     * with an offset on eta ({@link neuralglm.family.Offsets}): the fits and the held-out losses are at net(x) + o.
     *
     * @param offset the rows' offsets, or null for none. Not modified.
     */
    public static PenaltySelection select(Supplier<Sequential> fresh, Family family, DoubleFunction<Optimizer> optimizer,
                                          Trainer trainer, DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset,
                                          double[] lambdas, Listener listener) {
        if (!(trainer.validationFraction() > 0)) {
            throw new IllegalArgumentException("Choosing the weight decay needs held-out rows: the trainer has no early stopping");
        }
        // the split, checked and copied once for every penalty (each fit's session only reads it)
        final Trainer.Split split = trainer.split(family, x, y, w, offset);
        final double trainWeight = Family.totalWeight(split.wt(), split.xt().numRows);
        final Held held = new Held(split.xv(), split.yv(), split.wv(), split.ov());
        final Map<Double, Sequential> nets = new HashMap<>();
        // the finished session of the lowest held-out loss so far (path's argmin: the first strict minimum), kept
        // alone so that a long path holds one session's data at most
        final TrainingSession[] kept = new TrainingSession[1];
        final double[] keptLoss = {Double.POSITIVE_INFINITY, Double.NaN};
        final PenaltySelection p = path(lambdas, 1, listener, lambda -> {
            final Sequential net = fresh.get();
            final TrainingSession session = trainer.start(net, family, optimizer.apply(lambda / trainWeight), split);
            final TrainingResult r;
            try {
                while (session.runEpoch()) {
                    // one epoch per call
                }
                r = session.finish();
            } finally {
                session.release();
            }
            nets.put(lambda, net);
            final double[] loss = r.bestEpoch() >= 0 ? meanAndError(family, held.eta(net), held.y, held.w) : null;
            if (loss != null && loss[0] < keptLoss[0]) {
                kept[0] = session;
                keptLoss[0] = loss[0];
                keptLoss[1] = lambda;
            }
            return loss;
        });
        final boolean anyFinite = p.anyFinite();
        p.bestNetwork = anyFinite ? nets.get(p.best) : null;
        p.bestSession = anyFinite && keptLoss[1] == p.best ? kept[0] : null;
        return p;
    }

    /**
     * The penalty of a network trained to convergence (no early stopping), by its held-out loss, along a
     * warm-started path (as glmnet's):
     * <pre>
     *   rows split into T and V (ValidationSplit with the given fraction and the trainer's seed)
     *   theta = a fresh network
     *   for lambda in lambdas (descending):
     *       from theta (the previous penalty's fit; fresh for the first), fit on T alone to the trainer's
     *           epoch limit or convergence, minimising  sum_T w_i l_i + lambda/2 ||theta||^2
     *       v(lambda) = the validation mean NLL of the fitted network
     *       stop once v has risen for two penalties in a row and is above the best so far
     *   return argmin v
     * </pre>
     * The caller then fits the chosen penalty on all rows. Warm starts make v a smooth function of lambda
     * (each fit stays in the basin of the previous one; from fresh starts a small validation part gave a
     * jagged path, whose minimum one rise could not find) and make the weaker penalties' fits shorter; for
     * a convex problem (a GLM) every fit is still the unique minimiser. A fit that diverged is not used as a
     * start.
     *
     * @param fresh     a new network at its starting point; called once per penalty
     * @param family    the output distribution
     * @param optimizer the optimiser prototype for a decay coefficient on the mean NLL
     * @param trainer   epochs, batch size, seed and threads of each fit; its early stopping is not used
     * @param x         inputs, n x d. Not modified.
     * @param y         targets, n x k. Not modified.
     * @param w         instance weights or null. Not modified.
     * @param lambdas   candidate penalties, &gt;= 0
     * @param fraction  the share of rows held out, in (0, 1)
     * @param listener  receives each point of the path, or null
     * @return the penalties tried, their held-out losses, and the best
     */
    public static PenaltySelection selectConverged(Supplier<Sequential> fresh, Family family,
                                                   DoubleFunction<Optimizer> optimizer, Trainer trainer, DMatrixRMaj x,
                                                   DMatrixRMaj y, double[] w, double[] lambdas, double fraction,
                                                   Listener listener) {
        return selectConverged(fresh, family, optimizer, trainer, x, y, w, null, lambdas, fraction, listener);
    }

    /**
     * {@link #selectConverged(Supplier, Family, DoubleFunction, Trainer, DMatrixRMaj, DMatrixRMaj, double[], double[],
     * double, Listener)} with an offset on eta: the fits and the held-out losses are at net(x) + o.
     *
     * @param offset the rows' offsets, or null for none. Not modified.
     */
    public static PenaltySelection selectConverged(Supplier<Sequential> fresh, Family family,
                                                   DoubleFunction<Optimizer> optimizer, Trainer trainer, DMatrixRMaj x,
                                                   DMatrixRMaj y, double[] w, double[] offset, double[] lambdas,
                                                   double fraction, Listener listener) {
        return selectConverged(fresh, family, optimizer, trainer, x, y, w, offset, lambdas, fraction, null, listener);
    }

    /**
     * {@link #selectConverged(Supplier, Family, DoubleFunction, Trainer, DMatrixRMaj, DMatrixRMaj, double[], double[],
     * double[], double, Listener)} that also weighs a linear term: once the penalty is chosen, {@code linear} fits a
     * ridge GLM at it on the same rows, and {@link #linearTerm()} compares on the held-out rows the chosen network
     * alone with the average of its eta and the GLM's ({@link LinearTerm}).
     *
     * @param linear fits the GLM, or null for no comparison
     */
    public static PenaltySelection selectConverged(Supplier<Sequential> fresh, Family family,
                                                   DoubleFunction<Optimizer> optimizer, Trainer trainer, DMatrixRMaj x,
                                                   DMatrixRMaj y, double[] w, double[] offset, double[] lambdas,
                                                   double fraction, LinearFitter linear, Listener listener) {
        final ValidationSplit split = ValidationSplit.of(family, y, fraction, trainer.seed());
        final int[] t = split.train();
        final DMatrixRMaj xt = ValidationSplit.rows(x, t), yt = ValidationSplit.rows(y, t);
        final double[] wt = ValidationSplit.rows(w, t), ot = ValidationSplit.rows(offset, t);
        final double trainWeight = Family.totalWeight(wt, t.length);
        final Trainer plain = trainer.withValidation(0, 1);
        final Held held = new Held(split, x, y, w, offset);
        ValidationSplit.checkWeights(held.w, held.y.numRows, "rows held out (fraction " + fraction
                + ") to choose the automatic weight decay", "set the weight decay, or give fewer rows weight 0", wt, t.length,
                "rows left to fit when choosing the automatic weight decay (fraction " + fraction + " held out)",
                "set the weight decay, or give fewer rows weight 0");
        final Sequential[] previous = new Sequential[1];
        final java.util.Map<Double, DMatrixRMaj> heldEta = new java.util.HashMap<>();
        final PenaltySelection p = path(lambdas, 2, listener, lambda -> {
            final Sequential net = previous[0] == null ? fresh.get() : previous[0].copy();
            plain.fit(net, family, optimizer.apply(lambda / trainWeight), xt, yt, wt, ot);
            previous[0] = net;   // not reached when the fit diverged
            final DMatrixRMaj eta = held.eta(net);
            if (linear != null) {
                heldEta.put(lambda, eta);
            }
            return meanAndError(family, eta, held.y, held.w);
        });
        final DMatrixRMaj chosen = heldEta.get(p.best);
        if (linear != null && chosen != null && Double.isFinite(p.bestLoss())) {
            final Sequential glm = linear.fit(p.best, xt, yt, wt, ot);
            if (glm != null) {
                p.linearTerm = LinearTerm.compare(family, chosen, held.eta(glm), held.y, held.w);
            }
        }
        return p;
    }

    /**
     * @return from {@link #selectConverged} given a {@link PenaltySelection.LinearFitter}: the held-out comparison of the
     *         chosen network with and without the ridge GLM's linear term; null otherwise, or when no GLM was fitted
     */
    public LinearTerm linearTerm() {
        return linearTerm;
    }

    /** @return the lowest held-out loss of the path (infinite when no fit had a finite one) */
    private double bestLoss() {
        double b = Double.POSITIVE_INFINITY;
        for (double l : losses) {
            b = Math.min(b, l);
        }
        return b;
    }

    /**
     * The penalty of an early-stopped network by K-fold cross-validation of its held-out loss, and the K fold
     * networks of the chosen penalty (whose average of eta is the model under {@link AutoRegularisation}'s plan):
     * <pre>
     *   rows dealt into K stratified folds F_1..F_K (ValidationSplit.folds with the trainer's seed:
     *       F_1 is the trainer's own split when its validation fraction is 1/K)
     *   for lambda in lambdas (descending):
     *       for each fold f: fit a fresh network on the other folds, early-stopped on F_f (the trainer's patience),
     *           minimising  sum_{not F_f} w_i l_i + lambda/2 ||theta||^2
     *       v(lambda) = the weighted mean NLL over all n rows, each scored by the network that did not see it
     *       stop after the first lambda whose v is not below the best so far
     *   return argmin v and its K networks
     * </pre>
     * v pools n held-out rows instead of one split's n/K, so the choice is less a matter of which rows were held out.
     *
     * @param fresh     a new network at its starting point; called once per fold and penalty
     * @param family    the output distribution
     * @param optimizer the optimiser prototype for a decay coefficient on the mean NLL
     * @param trainer   epochs, batch size, seed, threads and patience of each fit
     * @param x         inputs, n x d. Not modified.
     * @param y         targets, n x k. Not modified.
     * @param w         instance weights or null. Not modified.
     * @param lambdas   candidate penalties, &gt;= 0, tried from the largest down
     * @param folds     the number of folds K, 2 &lt;= K &lt;= n
     * @param listener  receives each point of the path, or null
     * @return the penalties tried, their cross-validated losses, the best and its fold networks
     */
    public static PenaltySelection selectFolds(Supplier<Sequential> fresh, Family family,
                                               DoubleFunction<Optimizer> optimizer, Trainer trainer, DMatrixRMaj x,
                                               DMatrixRMaj y, double[] w, double[] lambdas, int folds,
                                               Listener listener) {
        return selectFolds(fresh, family, optimizer, trainer, x, y, w, null, lambdas, folds, listener);
    }

    /**
     * {@link #selectFolds(Supplier, Family, DoubleFunction, Trainer, DMatrixRMaj, DMatrixRMaj, double[], double[], int,
     * Listener)} with an offset on eta: the fold fits and the held-out losses are at net(x) + o.
     *
     * @param offset the rows' offsets, or null for none. Not modified.
     */
    public static PenaltySelection selectFolds(Supplier<Sequential> fresh, Family family,
                                               DoubleFunction<Optimizer> optimizer, Trainer trainer, DMatrixRMaj x,
                                               DMatrixRMaj y, double[] w, double[] offset, double[] lambdas, int folds,
                                               Listener listener) {
        final int n = x.numRows;
        final int[][] held = ValidationSplit.folds(family, y, folds, trainer.seed());
        final Map<Double, List<Sequential>> nets = new HashMap<>();
        final PenaltySelection p = path(lambdas, 1, listener, lambda -> {
            final List<Sequential> fitted = new ArrayList<>();
            DMatrixRMaj eta = null;
            for (int[] v : held) {
                final int[] t = ValidationSplit.complement(n, v);
                final double trainWeight = Family.totalWeight(ValidationSplit.rows(w, t), t.length);
                final Sequential net = fresh.get();
                final TrainingResult r = trainer.fitOn(net, family, optimizer.apply(lambda / trainWeight), x, y, w, offset,
                        t, v);
                if (r.bestEpoch() < 0) {
                    return null;
                }
                fitted.add(net);
                final DMatrixRMaj out = net.predict(ValidationSplit.rows(x, v));
                final DMatrixRMaj e = offset == null ? out
                        : neuralglm.family.Offsets.add(out, ValidationSplit.rows(offset, v), 0, null);
                if (eta == null) {
                    eta = new DMatrixRMaj(n, e.numCols);
                }
                for (int i = 0; i < v.length; i++) {
                    System.arraycopy(e.data, i * e.numCols, eta.data, v[i] * e.numCols, e.numCols);
                }
            }
            nets.put(lambda, fitted);
            return meanAndError(family, eta, y, w);
        });
        p.foldNetworks = p.anyFinite() ? nets.get(p.best) : null;
        p.bestNetwork = p.foldNetworks == null ? null : p.foldNetworks.get(0);
        return p;
    }

    /** @return whether some penalty had a finite held-out loss (else there is no best network) */
    private boolean anyFinite() {
        return Arrays.stream(losses).anyMatch(Double::isFinite);
    }

    /** For {@link #selectFolds}: the fold networks of the chosen penalty; null otherwise. */
    private List<Sequential> foldNetworks;

    /**
     * @return for {@link #selectFolds}, the K networks of the chosen penalty, fold 1's first (each early-stopped on
     *         its fold); null otherwise and when no penalty had a finite loss
     */
    public List<Sequential> foldNetworks() {
        return foldNetworks == null ? null : List.copyOf(foldNetworks);
    }

    /** The validation rows of a split. */
    private static final class Held {
        final DMatrixRMaj x;
        final DMatrixRMaj y;
        final double[] w;
        /** The held-out rows' offsets, or null for none. */
        final double[] o;

        Held(ValidationSplit split, DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset) {
            final int[] v = split.validation();
            this.x = ValidationSplit.rows(x, v);
            this.y = ValidationSplit.rows(y, v);
            this.w = ValidationSplit.rows(w, v);
            this.o = ValidationSplit.rows(offset, v);
        }

        Held(DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] o) {
            this.x = x;
            this.y = y;
            this.w = w;
            this.o = o;
        }

        /** @return eta of the held-out rows: the network's outputs, plus their offsets when there are */
        DMatrixRMaj eta(Sequential net) {
            final DMatrixRMaj out = net.predict(x);
            return o == null ? out : neuralglm.family.Offsets.add(out, o, 0, null);
        }
    }

    /**
     * Walks the candidates from the largest down.
     *
     * @param lossAt         fits one penalty: {held-out mean NLL, its standard error}, or null when the fit has no
     *                       usable epoch
     * @param stopAfterRises 1: stop after the first penalty whose loss is not below the best so far; r &gt; 1: stop
     *                       after a penalty whose loss is not below the best and has risen r times in a row; 0: never
     */
    static PenaltySelection path(double[] lambdas, int stopAfterRises, Listener listener,
                                 DoubleFunction<double[]> lossAt) {
        if (lambdas.length == 0) {
            throw new IllegalArgumentException("No candidate penalties to choose from");
        }
        final double[] order = lambdas.clone();
        Arrays.sort(order);
        final double[] tried = new double[order.length], loss = new double[order.length], se = new double[order.length];
        int count = 0;
        double bestLoss = Double.POSITIVE_INFINITY, lastLoss = Double.POSITIVE_INFINITY;
        int bestAt = -1, rises = 0;
        for (int i = order.length - 1; i >= 0; i--) {
            final double lambda = order[i];
            double vl = Double.POSITIVE_INFINITY, vse = 0;
            try {
                final double[] mse = lossAt.apply(lambda);
                if (mse != null) {
                    vl = mse[0];
                    vse = mse[1];
                }
            } catch (TrainingDivergedException e) {
                vl = Double.POSITIVE_INFINITY;
            }
            if (Double.isNaN(vl)) {
                vl = Double.POSITIVE_INFINITY;
            }
            tried[count] = lambda;
            se[count] = vse;
            loss[count++] = vl;
            if (listener != null) {
                listener.onPenalty(lambda, vl);
            }
            rises = vl > lastLoss ? rises + 1 : 0;
            lastLoss = vl;
            if (vl < bestLoss) {
                bestLoss = vl;
                bestAt = count - 1;
            } else if (stopAfterRises == 1 || stopAfterRises > 1 && rises >= stopAfterRises) {
                break;
            }
        }
        final int chosen = bestAt < 0 ? count - 1 : bestAt;
        return new PenaltySelection(Arrays.copyOf(tried, count), Arrays.copyOf(loss, count), tried[chosen],
                bestAt < 0 ? 0 : se[bestAt]);
    }

    /**
     * @return {weighted mean NLL of the rows, its standard error sqrt(sum w_i^2 (l_i - mean)^2) / sum w_i}
     */
    private static double[] meanAndError(Family family, DMatrixRMaj eta, DMatrixRMaj y, double[] w) {
        final int n = eta.numRows, k = eta.numCols, ky = y.numCols;
        final double[] l = new double[n];
        final DMatrixRMaj e1 = new DMatrixRMaj(1, k), y1 = new DMatrixRMaj(1, ky);
        double sum = 0, total = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(eta.data, i * k, e1.data, 0, k);
            System.arraycopy(y.data, i * ky, y1.data, 0, ky);
            l[i] = family.meanNll(e1, y1, null);
            final double wi = w == null ? 1 : w[i];
            sum += wi * l[i];
            total += wi;
        }
        final double mean = sum / total;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            final double wi = w == null ? 1 : w[i];
            ss += wi * wi * (l[i] - mean) * (l[i] - mean);
        }
        return new double[] {mean, Math.sqrt(ss) / total};
    }

    /** @return the standard error of the lowest held-out loss, sqrt(sum_V w_i^2 (l_i - v)^2) / W_V */
    public double standardError() {
        return standardError;
    }

    /**
     * @return the network fitted with the chosen penalty, at the weights of its best validation epoch (what refitting
     *         that penalty with the same trainer and start gives); null for {@link #selectConverged} and when no
     *         fit had a finite held-out loss
     */
    public Sequential bestNetwork() {
        return bestNetwork;
    }

    /**
     * Hands over the finished training session (from {@link Trainer#start}, run to its end and {@link
     * TrainingSession#finish finished}) of the chosen penalty's network from {@link #select}: every fit of the path starts
     * from the same fresh network and split, so it is the run that the same trainer would repeat to refit that penalty.
     * The path keeps no reference to it afterwards (a caller that keeps the path for its report does not keep the
     * session's copies of the data).
     *
     * @return that session, or null: for the other selections, when no fit had a finite held-out loss, or when it was
     *         taken before
     */
    public TrainingSession takeBestSession() {
        final TrainingSession s = bestSession;
        bestSession = null;
        return s;
    }

    /** @return the chosen penalty: the one with the lowest held-out loss */
    public double best() {
        return best;
    }

    /** @return the penalties tried, in the order tried (descending) */
    public double[] lambdas() {
        return lambdas.clone();
    }

    /** @return their held-out mean NLL (infinite where the fit diverged) */
    public double[] validationLosses() {
        return losses.clone();
    }
}
