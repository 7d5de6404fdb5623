package neuralglm.optim;

import java.io.Serializable;
import java.util.List;

import neuralglm.nn.Parameter;

/**
 * Updates parameters from their accumulated gradients.
 *
 * <p>Call order: {@link #initialise(List)} once (binds the parameters, fresh state), then many
 * {@link #step()} (or {@link #step(Closure)} for methods that re-evaluate the objective, such as
 * L-BFGS), with {@link #zeroGrad()} before each new backward pass. A configured optimiser that was
 * never initialised is a <em>prototype</em>: {@link #copy()} gives the same configuration with
 * independent state, and training always works on a copy.
 */
public abstract class Optimizer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Recomputes the objective: zeroes the gradients, runs forward and backward, returns the loss. */
    @FunctionalInterface
    public interface Closure {
        /** @return the loss at the current parameters, with their gradients freshly accumulated */
        double evaluate();

        /**
         * {@link #evaluate()} for an {@link ElementwiseOptimizer}'s step, which calls {@link #update} next and reads
         * no gradient before or after it: a closure may leave its gradients to be completed by that update, each
         * range just before its own update (a closure with threads adds up its threads' gradients there, range by
         * range, in the same order as {@link #evaluate()}: the same numbers, one pass over the entries fewer), and
         * may complete a range in a buffer of its own, which it then hands to the update, so that the parameters'
         * gradients after the update are unspecified. The default is {@link #evaluate()}.
         *
         * @return the loss at the current parameters
         */
        default double evaluateForUpdate() {
            return evaluate();
        }

        /**
         * Runs an elementwise update ({@link ElementwiseOptimizer}) over every entry of the parameters, as ranges
         * {@code (param, from, to)} covering each entry once; a closure with threads may share the ranges among
         * them. The default runs each parameter whole, on this thread.
         *
         * @param params the optimiser's bound parameters
         * @param update the update of one range; entries in different ranges are independent
         */
        default void update(List<Parameter> params, RangeUpdate update) {
            for (int p = 0; p < params.size(); p++) {
                update.update(p, 0, params.get(p).size(), params.get(p).grad().data);
            }
        }

        /**
         * The update of entries {@code from .. to - 1} of parameter {@code param} (an index in the bound list), whose
         * gradient entries are {@code grad[from .. to - 1]}: the parameter's own gradient array, or a closure's buffer
         * of the same layout holding those entries' completed gradient (see {@link Closure#evaluateForUpdate()}).
         */
        @FunctionalInterface
        interface RangeUpdate {
            void update(int param, int from, int to, double[] grad);
        }
    }

    /** The parameters this optimiser updates; null until {@link #initialise(List)}. */
    protected transient List<Parameter> params;

    /**
     * Binds the parameters and resets the state.
     *
     * @param parameters the parameters to update, in a fixed order
     * @return this
     */
    public Optimizer initialise(List<Parameter> parameters) {
        this.params = List.copyOf(parameters);
        resetState();
        return this;
    }

    /** Clears per-parameter state (momentum buffers, moments, history) for the bound parameters. */
    protected abstract void resetState();

    /** @return the same configuration with independent, empty state and no parameters bound */
    public abstract Optimizer copy();

    /** Applies one update from the current gradients. */
    public abstract void step();

    /**
     * Evaluates the closure once and applies one update.
     *
     * @param closure recomputes loss and gradients
     * @return the loss before the update
     */
    public double step(Closure closure) {
        final double loss = closure.evaluate();
        step();
        return loss;
    }

    /** @return true once the optimiser has met its own stopping rule (only L-BFGS has one) */
    public boolean converged() {
        return false;
    }

    /** @return true when {@link #step(Closure)} must be given the full batch */
    public boolean needsFullBatch() {
        return false;
    }

    /** Sets the gradient of every bound parameter to zero. */
    public void zeroGrad() {
        for (Parameter p : bound()) {
            p.zeroGrad();
        }
    }

    /**
     * @return the bound parameters
     * @throws IllegalStateException before {@link #initialise(List)}
     */
    protected List<Parameter> bound() {
        if (params == null) {
            throw new IllegalStateException(this + " has no parameters: call initialise(parameters) first");
        }
        return params;
    }

    /**
     * @param name  option name, for the message
     * @param value value to check
     * @return value, when finite and &gt; 0
     */
    protected static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    /**
     * @param name  the setting, for the message
     * @param value a value that must be finite (a learning rate a schedule sets: PyTorch's linear annealing ends a
     *              little below 0)
     * @return value
     * @throws IllegalArgumentException otherwise
     */
    protected static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
        return value;
    }

    /**
     * @param name  option name, for the message
     * @param value value to check
     * @return value, when finite and &gt;= 0
     */
    protected static double nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
        return value;
    }
}
