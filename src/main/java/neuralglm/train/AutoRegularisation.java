package neuralglm.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.LongFunction;

import org.ejml.data.DMatrixRMaj;

import neuralglm.family.Family;
import neuralglm.nn.EtaAverage;
import neuralglm.nn.Precision;
import neuralglm.nn.Sequential;
import neuralglm.optim.LbfgsOptimizer;
import neuralglm.optim.Optimizer;

/**
 * The regularisation a network gets when the user leaves it automatic ({@link #AUTO} = -1 for the weight
 * decay, the validation fraction or the patience): the defaults chosen by the held-out study (README, *Defaults: the held-out study*;
 * its rounds in src/bench/HELDOUT.md). With lambda the penalty on the summed NLL, {@code lambda/2 * ||theta||^2}:
 * <ul>
 * <li>no hidden layer: lambda = 0 and nothing held out, the exact maximum-likelihood GLM;</li>
 * <li>a location-scale family (Gaussian): the network learns the standardised class; lambda is chosen among
 * fits to convergence on 1 - {@link #VALIDATION_FRACTION} of the rows, scored on the rest, along a
 * warm-started path; the model is then fitted on all rows without early stopping (these fits stop at
 * {@link #CONVERGED_EPOCHS} at most, {@link #epochLimit}); under {@link #MAX_ROWS_LINEAR_TERM} rows the model is the
 * average on the eta scale of that network and a ridge GLM at the same lambda unless the held-out rows favour the
 * network alone by more than one standard error ({@link Plan#linearCandidate()}, {@link LinearTerm});</li>
 * <li>other numeric families: the average of eta over {@link #ENSEMBLE} networks, each early-stopped on its own
 * held-out {@link #VALIDATION_FRACTION}; the first chooses lambda from {@link #LAMBDAS_NUMERIC_AVERAGE} by its held-out loss,
 * the others are fitted at that lambda, every {@link #WEAKER_EVERY}-th of them one step of the grid below it
 * ({@link #weakerPenalty}); the average's output bias is then re-estimated by maximum likelihood without the penalty ({@link Plan#refitsLevel}, {@link OutputLevel});</li>
 * <li>a nominal class with {@link #MIN_ROWS_FOLDS} to {@link #MAX_ROWS_FOLDS} - 1 rows: lambda from
 * {@link #LAMBDAS_AVERAGE} by the {@link #FOLDS}-fold cross-validated loss ({@link PenaltySelection#selectFolds}); the model is the average of
 * eta over the {@link #FOLDS} fold networks of that lambda, each early-stopped on its fold (the first fold is the
 * {@link #VALIDATION_FRACTION} split of one network);</li>
 * <li>a nominal class with fewer than {@link #MIN_ROWS_TO_HOLD_OUT_CLASS} rows: nothing held out, lambda =
 * {@link #WEIGHT_DECAY_WITHOUT_HOLDOUT}, fitted to convergence; the model is the average on the eta scale of that
 * network and a GLM fitted to convergence on the same inputs with the same lambda (a ridge GLM; {@link Plan#linear()},
 * {@link EtaAverage#withLinear}: a network with a linear skip connection), when its units can carry a linear term;</li>
 * <li>any other nominal class: one network early-stopped on {@link #VALIDATION_FRACTION} held out, lambda from
 * {@link #LAMBDAS} by the held-out loss ({@link PenaltySelection#select}).</li>
 * </ul>
 * Used in two steps: {@link #plan} decides what is held out before any fit; {@link #choose} runs the fits that
 * choose lambda (and the other members of an average); its held-out path has already run the model's own fit (the
 * chosen penalty's, same seed and split), which {@link Choice#modelFit} hands back instead of a refit.
 */
public final class AutoRegularisation {

    /** The value of an option that asks for the automatic choice. */
    public static final double AUTO = -1;
    /** The penalties (on the summed log-likelihood) the automatic weight decay of a network chooses from. */
    public static final double[] LAMBDAS = {30, 10, 3, 1, 0.3};
    /**
     * The penalties (on the summed log-likelihood of the standardised class) the automatic weight decay of a
     * Gaussian network chooses from, among fits to convergence. 10 was dropped with Squareplus units (held-out
     * study): after a fit at 10, nearly linear, two rises at 3 and 1 could end the path there (training R^2 0.41 on a
     * smooth 120-row set); from 3, cpu RMSE 44.4 and cpu.with.vendor 15.9 as before.
     */
    public static final double[] LAMBDAS_CONVERGED = {3, 1, 0.3, 0.1, 0.03};
    /**
     * How many networks the default model of a numeric class other than Gaussian averages: in the held-out study one
     * network early-stopped on 20% of a small data set depended on that split (engel RMSE 124.8, docvisits 4.181);
     * the average of 5, each with its own split, 119.0 and 4.160. Since the fifth round on the numeric sets (src/bench/HELDOUT.md) the first
     * network alone walks the penalty path and the others are fitted at its choice, one fit each instead of 2-3, and
     * the average has 6 networks: over CV seeds 1-10 engel RMSE 112.1 (115.3 with 5 networks each choosing its own
     * penalty), mean deviance 0.02102 (0.02089), strikes 44.06 (44.11), docvisits 4.134 (4.135), in 7-8 fits per build
     * instead of 12-15; with 5 networks sharing the penalty engel's deviance was 0.02123 (worse on 7 of 10 seeds).
     */
    public static final int ENSEMBLE = 6;
    /**
     * The penalties the {@link #FOLDS}-fold choice of a small classification set chooses from, and until the tenth round of
     * the held-out study those of the first network of that average ({@link #LAMBDAS_NUMERIC_AVERAGE} since): every
     * other one of {@link #LAMBDAS}, a grid a decade apart, since the average smooths the
     * choice (for the folds: labor and the 50- and 80-row subsamples of the study predicted the same as with
     * {@link #LAMBDAS}, in 0.45-0.7 of the CPU time). In the held-out study, with patience {@link #PATIENCE_AVERAGE}, this
     * took about 0.6 of the CPU time of {@link #LAMBDAS} with patience 10 and predicted as well: over 5 partitions engel
     * RMSE 113.2 +/- 5.4 (113.5 +/- 4.6 before), strikes 44.01 +/- 0.57 (44.27 +/- 0.50).
     */
    public static final double[] LAMBDAS_AVERAGE = {30, 3, 0.3};
    /**
     * The penalties the first network of the average of a numeric class other than Gaussian ({@link #ENSEMBLE}) chooses
     * from: {@link #LAMBDAS_AVERAGE} and a decade below, walked from the largest down until the held-out loss stops
     * falling ({@link PenaltySelection#select}), so 0.03 is fitted only after 0.3 has beaten 3. With {@link
     * #LAMBDAS_AVERAGE} alone the weakest penalty, at the grid's edge, was the choice of 82 of engel's 100 paths over CV
     * seeds 1-10 (docvisits chose 30 on 85 of 100, where 300 predicted worse: RMSE 4.132 to 4.135); a further decade,
     * 0.003, did not help (engel RMSE 110.7, strikes 43.73, against 110.5 and 43.73 with 0.03): below 0.03 the early
     * stopping alone regularises. In the held-out study (src/bench/HELDOUT.md, tenth round) over CV seeds 1-10: engel RMSE 111.7 to
     * 110.5, mean deviance 0.02092 to 0.02059 (better on 8 of 10 seeds), strikes 43.84 to 43.73 (better on 8 of 10),
     * docvisits unchanged (4.132); engel's CPU time about 10-15% more (the one more fit where 0.3 won: 0.74-0.77 to
     * 0.84-0.85 of MultilayerPerceptron's).
     */
    public static final double[] LAMBDAS_NUMERIC_AVERAGE = {30, 3, 0.3, 0.03};
    /**
     * In the average of a numeric class other than Gaussian ({@link #ENSEMBLE}), every this many-th of the other networks
     * (networks k = 2, 4, ... counted from 0 for the first: the third and fifth of 6) is fitted one step of
     * {@link #LAMBDAS_NUMERIC_AVERAGE} below the first network's choice ({@link #weakerPenalty}); the others at that
     * choice. The choice is the best penalty for one network on one 20% split; the members of an average are best
     * somewhat less penalised than a lone network, since the average removes part of their variance (Sollich and Krogh
     * 1996, "Learning with ensembles: how over-fitting can be useful"), and the one split's choice is noisy. In the
     * held-out study (src/bench/HELDOUT.md, eleventh round) over CV seeds 1-10: strikes RMSE 43.73 to 43.63, engel 110.5 to 108.6 (mean
     * deviance 0.02059 to 0.02007), docvisits 4.132 to 4.131 (4.142 to 4.141); over those seeds and learner seeds 1-3
     * (30 pairs) engel's deviance lower on 26 of 30, docvisits' +0.0012 +/- 0.0012 (within the noise). More networks at
     * the weaker penalty helped strikes and engel more but cost docvisits (half of them: deviance +0.0035 +/- 0.0012,
     * all five: +0.0048 +/- 0.0018); the stronger penalty instead lost strikes and engel (a control: the gain is the
     * weaker penalty's, not a mixture's). The same number of fits as before.
     */
    public static final int WEAKER_EVERY = 2;
    /**
     * The patience of each early-stopped network of that average under the default patience -1 (20 for one network):
     * in the held-out study patience 10 halved the build time of the average against 20 and predicted no worse
     * (docvisits RMSE 4.161 with 20, 4.155 with 10; engel 122.7, 115.1; strikes 43.90, 43.88); with
     * {@link #LAMBDAS_AVERAGE}, 7 against 10 saved a further fifth (engel 119.4 and 115.8 on the first partition, over 5
     * partitions 113.2 +/- 5.4 and 114.5 +/- 9.4; strikes 44.01 +/- 0.57 and 44.03 +/- 0.50); 6 lost engel (125.2 on the
     * first partition, worse than LinearRegression's 124.6).
     */
    public static final int PATIENCE_AVERAGE = 7;
    /** The patience of one early-stopped network under the default patience -1. */
    public static final int PATIENCE = 20;
    /**
     * The largest gradient entry (of the mean NLL of the standardised class) at which L-BFGS stops a Gaussian network
     * fitted to convergence under the automatic weight decay (the fits that choose it, and the model's), when the user's
     * tolerance is smaller: the default 1e-9 is for the exact GLM; in the held-out study 1e-4 predicted as well (cpu RMSE 48.54
     * with 1e-9, 48.55; cpu.with.vendor 16.20, 16.08) in less CPU time; 1e-3 did not (cpu.with.vendor 19.9).
     */
    public static final double CONVERGED_TOLERANCE = 1e-4;
    /**
     * The most epochs of each fit of a Gaussian network under the automatic weight decay (the fits along the path that
     * choose it, and the model's on all rows), when the user's epoch limit is larger. In the held-out study (src/bench/HELDOUT.md, sixth
     * round) on cpu most of these fits ran to the default limit of 500 without reaching {@link #CONVERGED_TOLERANCE}, and
     * over CV seeds 1-10 a limit of 150 predicted better in half the CPU time: cpu RMSE 58.80 to 57.68 (better on 7 of 10
     * seeds), cpu.with.vendor 17.67 to 17.26 (8 of 10).
     */
    public static final int CONVERGED_EPOCHS = 150;
    /**
     * The number of folds choosing the weight decay of a small classification set, 1 / {@link #VALIDATION_FRACTION}
     * (so that the first fold is the one network's early-stopping split). In the held-out study (src/bench/HELDOUT.md) one 20% split
     * of labor (57 rows) held out 11 rows, and choosing lambda by their loss was noisy: accuracy 0.902 +/- 0.024 over
     * 5 partitions against Logistic's 0.933; the 5-fold choice with the average of the 5 fold networks 0.926 (log loss
     * 0.255 to 0.191), and on stratified 50- and 80-row subsamples of five larger sets it predicted better on average.
     */
    public static final int FOLDS = 5;
    /**
     * The fewest rows of a classification set whose weight decay is chosen by {@link #FOLDS} folds: each fold holds at
     * least 8 rows. Below (contact-lenses, 24 rows; weather, 14) the folds predicted worse in the study (contact-lenses
     * log loss 0.696 to 0.731, accuracy 0.750 to 0.700) and cost 2 times MultilayerPerceptron's CPU time.
     */
    public static final int MIN_ROWS_FOLDS = 40;
    /**
     * From this many rows a classification set keeps one network and one split: its 20% held out are at least 20
     * rows. The folds also helped larger sets (glass, ionosphere, vote, 108-row subsamples: lower log loss), but cost
     * about 3 times one split; on iris (135 training rows per fold of a 10-fold cross-validation, 4 inputs) they took
     * 0.86-1.8 times MultilayerPerceptron's CPU time (0.25 without) and on its first partition made 2 more errors
     * (accuracy 0.947, Logistic's 0.960).
     */
    public static final int MAX_ROWS_FOLDS = 100;
    /**
     * The scale of a 0/1 input column (a one-hot column of a nominal attribute, a binary numeric one), centred at its
     * share of ones, in a network fitted to convergence under the automatic weight decay ({@link Plan#toTolerance()}:
     * a Gaussian class, a nominal class under {@link #MIN_ROWS_TO_HOLD_OUT_CLASS} rows), where the penalty alone
     * regularises; the other inputs and plans keep the standard deviation ({@link #binaryScale}). Divided by its sd
     * sqrt(p (1 - p)), a rare indicator's 1 becomes sqrt((1 - p) / p): for a value on 1 of 188 rows, 13.7, so a weight
     * 13.7 times smaller, penalised 188 times less, fits that row alone. 1/2 is Gelman's (2008) scaling (binary inputs
     * centred, numeric ones divided by 2 sd) on this project's numeric scale of 1 sd: a balanced indicator keeps its
     * scale. In the held-out study (src/bench/HELDOUT.md, seventh round) over CV seeds 1-10: cpu.with.vendor (a vendor attribute with
     * 30 values, many on 1-3 rows) RMSE 17.26 to 13.42, better on 10 of 10 seeds (MultilayerPerceptron 16.44; without
     * the vendor attribute 12.92), cpu, engel, strikes without 0/1 columns unchanged; over 5 seeds weather.nominal
     * accuracy 0.629 to 0.657, log loss 0.839 to 0.813, contact-lenses 0.559 to 0.548, weather.numeric 0.962 to 0.948; the
     * 81 subsamples of 16-32 rows 0.684, 1.036 to 0.683, 1.039. Not for the early-stopped networks: there centred 0/1
     * columns (scale 1) lost soybean 0.3 and scale 1/2 lost labor 1.8 points of accuracy at CV seed 1.
     */
    public static final double BINARY_SCALE = 0.5;

    /**
     * Under this many rows a Gaussian network under the automatic weight decay may get a linear term: the model is then
     * the average on the eta scale of the network and a ridge GLM at the network's lambda (a network with a linear skip
     * connection, as under {@link #MIN_ROWS_TO_HOLD_OUT_CLASS} rows of a nominal class) unless the rows held out to
     * choose lambda favour the network alone by more than one standard error ({@link LinearTerm}). In the held-out study
     * (src/bench/HELDOUT.md, twelfth round: small sets that took no part in choosing the defaults, RMSE means over
     * CV seeds 1-5) it took statecrime from 132.5 to 115.2 (LinearRegression 114.3), longley 615 to 557, scotland 4.62 to
     * 4.31, strikes (as Gaussian) 44.90 to 44.49, and left cpu.with.vendor's 50- and 80-row subsamples, where the
     * network is far better than any linear model, at 35.5 and 44.9; copper got worse (281 to 296). Every data set
     * of 100 rows or more keeps the network alone: on cpu and cpu.with.vendor (188 training rows) the comparison cost
     * 1.1 and 0.3 of RMSE over 10 seeds. Without the standard error's lean (the average whenever its held-out loss
     * is lower) statecrime only reached 121.5; with two standard errors cpu.with.vendor's subsamples lost 9-11.
     */
    public static final int MAX_ROWS_LINEAR_TERM = 100;

    /**
     * @param plan from {@link #plan}
     * @return the scale of a 0/1 input column: {@link #BINARY_SCALE} when the plan fits the network to convergence
     *         under the automatic weight decay ({@link Plan#toTolerance()}); 0 (its standard deviation) otherwise
     */
    public static double binaryScale(Plan plan) {
        return plan.toTolerance() ? BINARY_SCALE : 0;
    }

    /** The automatic weight decay of a network when nothing is held out to choose it by. */
    public static final double WEIGHT_DECAY_WITHOUT_HOLDOUT = 1.0;
    /** The automatic validation fraction of a network. */
    public static final double VALIDATION_FRACTION = 0.2;
    /** With fewer instances, the automatic validation fraction of a numeric class is 0: too few to hold any out. */
    public static final int MIN_ROWS_TO_HOLD_OUT = 10;
    /**
     * With fewer instances, the automatic validation fraction of a nominal class is 0 and its automatic weight decay
     * {@link #WEIGHT_DECAY_WITHOUT_HOLDOUT}, fitted to convergence: 20% of under 40 rows is under 8 rows, too few to
     * choose a penalty and an epoch by. In the held-out study (src/bench/HELDOUT.md) on 81 stratified subsamples of 16, 24 and 32 rows
     * of nine classification sets, holding out 20% predicted accuracy 0.629 and log loss 23.7 on average (0.650 and
     * 1.159 without a class the training rows lack), holding none out, with Squareplus units, 0.684 and 1.036 with a
     * class the training rows lack at its floor ({@link neuralglm.model.AbsentClasses}; 1.065 before) (MultilayerPerceptron
     * 0.688 and 1.307, Logistic 0.657 and 18.9); on the three small example sets over 5
     * partitions contact-lenses 0.750 and 0.696 to 0.750 and 0.559 (Logistic 0.675), weather.nominal 0.600 and 0.851
     * to 0.629 and 0.839, weather.numeric 0.586 and 0.853 to 0.586 and 0.962 (Logistic 0.600). Since the ninth round
     * (src/bench/HELDOUT.md) the model there is the average of that network and a ridge GLM ({@link Plan#linear()}): over 5 partitions
     * contact-lenses 0.750 and 0.534, weather.nominal 0.714 and 0.761, weather.numeric 0.600 and 0.917; the 81
     * subsamples 0.678 and 1.035.
     */
    public static final int MIN_ROWS_TO_HOLD_OUT_CLASS = MIN_ROWS_FOLDS;

    private AutoRegularisation() {
    }

    /**
     * What a build holds out and how it is fitted, decided before any fit.
     *
     * @param scaleTarget whether the network learns the standardised class
     * @param converged   whether the network is fitted to convergence on all rows, lambda chosen among converged fits
     * @param canHoldOut  whether there are enough rows (and a network, not a stream) to hold any out
     * @param fraction    the share of rows held out for early stopping, in [0, 1)
     * @param patience    the epochs without improvement before early stopping
     * @param average     whether the model is an average of networks: {@link #ENSEMBLE} with their own splits, or the
     *                    fold networks
     * @param folds       the number of folds choosing lambda whose networks the model averages; 0: one split
     * @param toTolerance whether the automatic weight decay's model is fitted to convergence, its L-BFGS stopping at a
     *                    gradient of {@link #CONVERGED_TOLERANCE} ({@link #convergedOptimizer}): a Gaussian network, or
     *                    a network that holds nothing out; an automatic activation is then smooth (Squareplus: on ReLU's
     *                    kinks L-BFGS crept on for all 500 epochs of a 12-row set, on Squareplus it converged in 40-65)
     * @param linear      whether the model is the average on the eta scale of the network and a ridge GLM at the same
     *                    lambda ({@link Choice#linear()}, {@link EtaAverage#withLinear}): a nominal class under
     *                    {@link #MIN_ROWS_TO_HOLD_OUT_CLASS} rows with the weight decay and validation fraction automatic
     *                    and at least one hidden layer
     * @param linearCandidate whether the held-out rows of the converged path decide whether the model gets that
     *                    average ({@link LinearTerm}): a Gaussian network under the automatic weight decay and
     *                    validation fraction, with rows to hold out and fewer than {@link #MAX_ROWS_LINEAR_TERM}
     */
    public record Plan(boolean scaleTarget, boolean converged, boolean canHoldOut, double fraction, int patience,
                       boolean average, int folds, boolean toTolerance, boolean linear, boolean linearCandidate) {
        /**
         * Whether the model's output bias is re-estimated by maximum likelihood once its networks are fitted, the rest held
         * fixed ({@link OutputLevel#refit}): for the default average of a numeric class other than Gaussian. Its networks'
         * penalty pulls the output bias towards 0 on the link scale, for a log link mu = 1 in the class's units, and an
         * early-stopped fit keeps much of that pull: in the held-out study (src/bench/HELDOUT.md, eighth round) the defaults' mean
         * prediction on strikes was 38.0 where the class's mean is 42.7 (on every CV seed 1-5: 36.7-38.0), and their RMSE
         * depended on the class's units (strikes in days 44.43, in hours 43.80, in weeks 44.91, all in days). Re-estimated,
         * over CV seeds 1-10: strikes RMSE 44.06 to 43.84 and mean deviance 1.235 to 1.204 (LinearRegression 44.17, 1.203; the
         * defaults better than it on 9 of 10 seeds, were 5), engel 112.1 to 111.7 and 0.02102 to 0.02092, docvisits 4.133 to
         * 4.132 and 4.144 to 4.142. (Not penalising the output bias in the fits instead, or penalising
         * it around the null model's, predicted worse: strikes 44.79 and 44.83 over the same seeds.) A Gaussian network learns
         * the standardised class, whose level 0 is the class's mean.
         *
         * Decided by the plan, not by how many networks the model ends up with: an average whose other networks all diverged
         * keeps the refit.
         *
         * @return whether {@link OutputLevel#refit} runs on the model
         */
        public boolean refitsLevel() {
            return average && folds == 0;   // the numeric average: a class other than Gaussian, penalty and split automatic
        }
    }

    /**
     * @param family             the output distribution
     * @param glm                whether the network has no hidden layer
     * @param stream             whether the model is trained on a stream (nothing held out, no target scaling)
     * @param rows               the number of training rows
     * @param weightDecay        the user's lambda, or {@link #AUTO}
     * @param validationFraction the user's fraction, or {@link #AUTO}
     * @param patience           the user's patience, or {@link #AUTO}
     * @return the plan
     */
    public static Plan plan(Family family, boolean glm, boolean stream, int rows, double weightDecay,
                            double validationFraction, int patience) {
        final boolean scaleTarget = !glm && !stream && family.locationScale();
        final boolean converged = scaleTarget && validationFraction == AUTO;
        final boolean canHoldOut = !glm && !stream && rows >= minRowsToHoldOut(family);
        final double fraction = validationFraction != AUTO ? validationFraction
                : !canHoldOut || converged ? 0 : VALIDATION_FRACTION;
        final boolean automatic = !glm && !stream && !converged && validationFraction == AUTO && weightDecay == AUTO;
        final boolean numericAverage = automatic && family.labelCoding() == Family.LabelCoding.NUMERIC
                && !family.locationScale();
        final int folds = automatic && canHoldOut && family.labelCoding() != Family.LabelCoding.NUMERIC
                && rows >= MIN_ROWS_FOLDS && rows < MAX_ROWS_FOLDS ? FOLDS : 0;
        final boolean average = numericAverage || folds > 0;
        final int used = patience != AUTO ? patience : numericAverage ? PATIENCE_AVERAGE : PATIENCE;
        final boolean toTolerance = weightDecay == AUTO && (converged || !glm && !stream && !canHoldOut);
        final boolean linear = !glm && !stream && !canHoldOut && weightDecay == AUTO && validationFraction == AUTO
                && family.labelCoding() != Family.LabelCoding.NUMERIC;
        final boolean linearCandidate = converged && canHoldOut && weightDecay == AUTO && rows < MAX_ROWS_LINEAR_TERM;
        return new Plan(scaleTarget, converged, canHoldOut, fraction, used, average, folds, toTolerance, linear,
                linearCandidate);
    }

    /**
     * @param plan        from {@link #plan}
     * @param weightDecay the user's lambda, or {@link #AUTO}
     * @param epochs      the user's epoch limit
     * @return the epoch limit of the build's fits: at most {@link #CONVERGED_EPOCHS} for a Gaussian network under the
     *         automatic weight decay ({@link Plan#converged()}), the user's otherwise
     */
    public static int epochLimit(Plan plan, double weightDecay, int epochs) {
        return plan.converged() && weightDecay == AUTO ? Math.min(epochs, CONVERGED_EPOCHS) : epochs;
    }

    /**
     * @param family the output distribution
     * @return the fewest training rows of which the automatic validation fraction holds any out:
     *         {@link #MIN_ROWS_TO_HOLD_OUT_CLASS} for a nominal class, {@link #MIN_ROWS_TO_HOLD_OUT} for a numeric one
     */
    public static int minRowsToHoldOut(Family family) {
        return family.labelCoding() == Family.LabelCoding.NUMERIC ? MIN_ROWS_TO_HOLD_OUT : MIN_ROWS_TO_HOLD_OUT_CLASS;
    }

    /**
     * What the fits chose.
     *
     * @param lambda        the penalty of the model (of its first network, for an average)
     * @param path          the penalties tried and their held-out losses, or null when none were tried
     * @param members       the other networks of an average, trained (for folds: the networks of folds 2 to K); empty
     *                      otherwise
     * @param memberLambdas the penalty of each network the average planned (one entry for a model of one network), the
     *                      first network's first (entry k: the network of seed {@code seed + k}); NaN for a network of the numeric average
     *                      left out because its fit diverged (it is then not in {@code members})
     * @param optimizer     the optimiser prototype of the model's fit, for a coefficient on the mean NLL
     * @param modelFit      the model's own fit, already run: the finished session of lambda's network on the trainer's
     *                      split from the held-out path ({@link PenaltySelection#takeBestSession}), the same run (to the bit)
     *                      that the caller's refit with the trainer and {@code optimizer} would repeat; null when the
     *                      caller has to fit it (no such path: folds, converged fits, a fixed lambda)
     * @param linearFit     the ridge GLM the model averages with its network ({@link Plan#linear()},
     *                      {@link EtaAverage#withLinear}), or why there is none
     */
    public record Choice(double lambda, PenaltySelection path, List<Sequential> members, double[] memberLambdas,
                         DoubleFunction<Optimizer> optimizer, TrainingSession modelFit, LinearFit linearFit) {

        /** @return the fitted ridge GLM; null unless {@link #linearOutcome()} is {@link LinearOutcome#FITTED} */
        public Sequential linear() {
            return linearFit.glm();
        }

        /** @return what became of the plan's ridge GLM: why {@link #linear()} is null when the plan asked for it */
        public LinearOutcome linearOutcome() {
            return linearFit.outcome();
        }
    }

    /** What became of the ridge GLM of a {@link Plan#linear()} model ({@link #linearMember}). */
    public enum LinearOutcome {
        /** The plan has no GLM. */
        NOT_PLANNED,
        /** Fitted: the model is the average of the network and the GLM. */
        FITTED,
        /** The network's units cannot carry a linear term ({@link EtaAverage#carriesLinear}): the model is the network. */
        UNITS_CANNOT_CARRY,
        /** The GLM's fit diverged ({@link TrainingDivergedException}): the model is the network. */
        DIVERGED
    }

    /**
     * A {@link #linearMember} fit.
     *
     * @param glm     the GLM, present exactly when the outcome is {@link LinearOutcome#FITTED}
     * @param outcome what became of it
     */
    public record LinearFit(Sequential glm, LinearOutcome outcome) {
        public LinearFit {
            if ((glm != null) != (outcome == LinearOutcome.FITTED)) {
                throw new IllegalArgumentException("A fitted ridge GLM goes with the outcome FITTED, got " + outcome
                        + (glm == null ? " without a GLM" : " with a GLM"));
            }
        }
    }

    /** Training was interrupted while {@link #choose} ran its fits. */
    public static final class Interrupted extends TrainingInterruptedException {
        private static final long serialVersionUID = 1L;
        private final String during;

        Interrupted(TrainingInterruptedException cause, String during) {
            super(cause.epoch());
            this.during = during;
        }

        /** @return what was being fitted, e.g. "choosing the weight decay" */
        public String during() {
            return during;
        }
    }

    /**
     * Runs the fits the plan needs: the penalty path (held-out, cross-validated over folds, or among converged fits),
     * then the other networks of an average, each with its own seed and split at the path's penalty or, every
     * {@link #WEAKER_EVERY}-th, one step of the grid below it ({@link #weakerPenalty}; for folds: the networks of the
     * other folds at the chosen penalty); a network whose fit diverges is left out (NaN in {@link Choice#memberLambdas}). The model's own network is then the caller's fit of lambda with the
     * trainer's split, which for folds is the first fold's.
     *
     * @param plan        from {@link #plan}
     * @param weightDecay the user's lambda, or {@link #AUTO}
     * @param glm         whether the network has no hidden layer
     * @param stream      whether the model is trained on a stream
     * @param fresh       a new network at its starting point for a seed
     * @param seed        the build's seed
     * @param family      the output distribution
     * @param optimizer   the user's optimiser prototype for a decay coefficient on the mean NLL
     * @param trainer     the build's trainer (with the plan's early stopping)
     * @param x           inputs, n x d
     * @param y           targets, n x k (standardised when the plan says so)
     * @param w           instance weights or null
     * @param listener    receives each point of a path, or null
     * @return lambda, the path, the other members and the model's optimiser
     * @throws Interrupted when the thread is interrupted during a fit
     */
    public static Choice choose(Plan plan, double weightDecay, boolean glm, boolean stream, LongFunction<Sequential> fresh,
                                long seed, Family family, DoubleFunction<Optimizer> optimizer, Trainer trainer,
                                DMatrixRMaj x, DMatrixRMaj y, double[] w, PenaltySelection.Listener listener) {
        return choose(plan, weightDecay, glm, stream, fresh, seed, family, optimizer, trainer, x, y, w, null, listener);
    }

    /**
     * {@link #choose(Plan, double, boolean, boolean, LongFunction, long, Family, DoubleFunction, Trainer, DMatrixRMaj,
     * DMatrixRMaj, double[], PenaltySelection.Listener)} with an offset on eta ({@link neuralglm.family.Offsets}): every
     * fit of the path, the average's networks and the ridge GLM train at net(x) + o, and the held-out losses are
     * taken there ({@code fresh} should start at the null model with the offset).
     *
     * @param offset the rows' offsets, or null for none. Not modified.
     * @return what the fits chose
     */
    public static Choice choose(Plan plan, double weightDecay, boolean glm, boolean stream, LongFunction<Sequential> fresh,
                                long seed, Family family, DoubleFunction<Optimizer> optimizer, Trainer trainer,
                                DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset,
                                PenaltySelection.Listener listener) {
        final DoubleFunction<Optimizer> toConvergence = convergedOptimizer(optimizer);
        PenaltySelection path = null;
        final double lambda;
        if (weightDecay != AUTO) {
            lambda = weightDecay;
        } else if (glm || stream) {
            lambda = 0;
        } else if (plan.folds() > 0) {
            try {
                path = PenaltySelection.selectFolds(() -> fresh.apply(seed), family, optimizer, trainer, x, y, w, offset,
                        LAMBDAS_AVERAGE,
                        plan.folds(), listener);
            } catch (TrainingInterruptedException e) {
                throw new Interrupted(e, "choosing the weight decay");
            }
            lambda = path.best();
        } else if (plan.fraction() > 0 || plan.converged() && plan.canHoldOut()) {
            try {
                final PenaltySelection.LinearFitter linearTerm = !plan.linearCandidate() ? null
                        : (l, xs, ys, ws, os) -> linearMember(fresh.apply(seed), l, family, optimizer, trainer, xs, ys, ws,
                                os).glm();
                path = plan.converged()
                        ? PenaltySelection.selectConverged(() -> fresh.apply(seed), family, toConvergence, trainer, x, y, w,
                                offset, LAMBDAS_CONVERGED, VALIDATION_FRACTION, linearTerm, listener)
                        : PenaltySelection.select(() -> fresh.apply(seed), family, optimizer, trainer, x, y, w, offset,
                                plan.average() ? LAMBDAS_NUMERIC_AVERAGE : LAMBDAS, listener);
            } catch (TrainingInterruptedException e) {
                throw new Interrupted(e, "choosing the weight decay");
            }
            lambda = path.best();
        } else {
            lambda = WEIGHT_DECAY_WITHOUT_HOLDOUT;
        }
        final List<Sequential> members = new ArrayList<>();
        final int count = plan.folds() > 0 ? plan.folds() : ENSEMBLE;
        final double[] memberLambdas = new double[plan.average() ? count : 1];   // one network: its penalty alone
        memberLambdas[0] = lambda;
        if (path != null && plan.folds() > 0) {
            final List<Sequential> nets = path.foldNetworks();
            if (nets != null) {
                for (int k = 1; k < nets.size(); k++) {
                    memberLambdas[k] = lambda;
                    members.add(nets.get(k));
                }
            }
        } else if (path != null && plan.average()) {
            // each other network of the average: its own seed and split, early-stopped, at the first network's penalty
            // or, every WEAKER_EVERY-th, one step of the grid below it
            final double[] chosen = {lambda}, weaker = {weakerPenalty(lambda)};
            for (int k = 1; k < count; k++) {
                final long memberSeed = seed + k;
                try {
                    final PenaltySelection member = PenaltySelection.select(() -> fresh.apply(memberSeed), family,
                            optimizer, trainer.withSeed(memberSeed), x, y, w, offset,
                            k % WEAKER_EVERY == 0 ? weaker : chosen, listener);
                    if (member.bestNetwork() != null) {
                        memberLambdas[k] = member.best();
                        members.add(member.bestNetwork());
                    } else {
                        memberLambdas[k] = Double.NaN;   // its fit diverged: left out, and the report says which
                    }
                } catch (TrainingInterruptedException e) {
                    throw new Interrupted(e, "training network " + (k + 1) + " of the average");
                }
            }
        }
        // a Gaussian network whose penalty was chosen stops at the tolerance of the fits that chose it, and so does a
        // network that holds nothing out under the automatic decay (fitted to convergence at WEIGHT_DECAY_WITHOUT_HOLDOUT)
        final DoubleFunction<Optimizer> model = plan.toTolerance() ? toConvergence : optimizer;
        final TrainingSession modelFit = path != null && plan.folds() == 0 && !plan.converged() ? path.takeBestSession() : null;
        final boolean withLinear = plan.linear()
                || path != null && path.linearTerm() != null && path.linearTerm().added();
        final LinearFit linear = withLinear ? linearMember(fresh.apply(seed), lambda, family, optimizer, trainer, x, y, w,
                offset)
                : new LinearFit(null, LinearOutcome.NOT_PLANNED);
        return new Choice(lambda, path, members, memberLambdas, model, modelFit, linear);
    }

    /**
     * @param lambda the first network's penalty in the numeric average, a value of {@link #LAMBDAS_NUMERIC_AVERAGE}
     * @return the largest value of {@link #LAMBDAS_NUMERIC_AVERAGE} below lambda (for a value of the grid the next one
     *         down); lambda itself when none is smaller (the grid's
     *         end, below which early stopping alone regularises: in the held-out study 0.003 for the two networks there
     *         made no difference)
     */
    public static double weakerPenalty(double lambda) {
        double next = lambda;
        for (double l : LAMBDAS_NUMERIC_AVERAGE) {
            if (l < lambda && (next == lambda || l > next)) {
                next = l;
            }
        }
        return next;
    }

    /**
     * The GLM of a {@link Plan#linear()} model: no hidden layer, from the null model ({@link NullStart}), on the network's
     * inputs at the network's lambda, fitted to convergence on all rows in float64 with the user's optimiser (L-BFGS to
     * its tolerance, as a {@code -hidden none -weight-decay lambda} build).
     *
     * @param network a fresh network of the model (its inputs, outputs and units)
     * @return the fitted GLM, or why there is none (the network's units cannot carry it, its fit diverged)
     * @throws IllegalArgumentException when x is null (rows read as they are trained: such a plan has no GLM)
     */
    static LinearFit linearMember(Sequential network, double lambda, Family family, DoubleFunction<Optimizer> optimizer,
                                  Trainer trainer, DMatrixRMaj x, DMatrixRMaj y, double[] w, double[] offset) {
        if (!EtaAverage.carriesLinear(network)) {
            return new LinearFit(null, LinearOutcome.UNITS_CANNOT_CARRY);
        }
        if (x == null) {
            throw new IllegalArgumentException("The ridge GLM of a model under " + MIN_ROWS_TO_HOLD_OUT_CLASS
                    + " instances is fitted on the input matrix; none was given");
        }
        final List<neuralglm.nn.Layer> layers = network.layers();
        final int outputs = ((neuralglm.nn.Linear) layers.get(layers.size() - 1)).outputs();
        final Sequential glm = Sequential.mlp(x.numCols, new int[0], () -> null, outputs, new java.util.Random(trainer.seed()));
        NullStart.apply(glm, family, y, w, offset);
        try {
            trainer.withPrecision(Precision.FLOAT64).fit(glm, family, optimizer.apply(lambda / Family.totalWeight(w, x.numRows)),
                    x, y, w, offset);
        } catch (TrainingDivergedException e) {
            return new LinearFit(null, LinearOutcome.DIVERGED);
        } catch (TrainingInterruptedException e) {
            throw new Interrupted(e, "fitting the GLM of the average");
        }
        return new LinearFit(glm, LinearOutcome.FITTED);
    }

    /**
     * @param optimizer the user's optimiser prototype
     * @return the optimiser of a network fitted to convergence under the automatic weight decay: the user's, with an
     *         L-BFGS tolerance of at least {@link #CONVERGED_TOLERANCE}
     */
    public static DoubleFunction<Optimizer> convergedOptimizer(DoubleFunction<Optimizer> optimizer) {
        return decay -> {
            final Optimizer o = optimizer.apply(decay);
            return o instanceof LbfgsOptimizer l && l.tolerance() < CONVERGED_TOLERANCE
                    ? l.withTolerance(CONVERGED_TOLERANCE) : o;
        };
    }
}
