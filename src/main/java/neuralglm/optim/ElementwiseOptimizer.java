package neuralglm.optim;

import java.util.List;

import neuralglm.nn.Parameter;

/**
 * An optimiser whose update of each parameter entry reads only that entry's value, gradient and state
 * (SGD, Adam): one step is {@link #beginStep()} (the step's scalars, such as Adam's bias corrections) and
 * then {@link #update(int, int, int, double[])} over every entry,
 * <pre>
 *   theta_j = u(theta_j, grad_j, state_j; step scalars)     for each entry j, independently
 * </pre>
 * so the entries may be cut into ranges updated in any order, on any threads, with the same bits as one
 * pass. An update writes the weights in a loop that stores nothing else, after the loop of its state: with
 * threads, the other threads have just read these weights (their cache lines are shared), and a processor
 * takes ownership of such lines many at a time only while its store buffer holds stores to them alone
 * (the large workload's momentum SGD on 2 threads: about 17 against 6 us a step for each half of the entries). {@link #step(Closure)} hands the ranges to the closure ({@link Closure#update}), which a
 * multi-threaded closure shares among its threads.
 */
public abstract class ElementwiseOptimizer extends Optimizer {
    private static final long serialVersionUID = 1L;

    /** {@link #update(int, int, int, double[])} as an object, made once. */
    private transient Closure.RangeUpdate ranges;
    /** Steps taken since {@link #initialise} (PyTorch's state {@code 'step'}). */
    private transient long stepsTaken;

    /** Computes what the coming update's entries share (called once per step, before any {@link #update}). */
    protected abstract void beginStep();

    /**
     * Updates entries {@code from .. to - 1} of bound parameter {@code param} from their gradients.
     *
     * @param param the parameter's index in the bound list
     * @param from  first entry (row-major)
     * @param to    one past the last entry
     * @param grad  the gradient, read at {@code from .. to - 1}: the parameter's own gradient array, or a closure's
     *              buffer of the same layout ({@link Closure.RangeUpdate})
     */
    protected abstract void update(int param, int from, int to, double[] grad);

    @Override
    public final void step() {
        stepsTaken++;
        beginStep();
        final List<Parameter> ps = bound();
        for (int p = 0; p < ps.size(); p++) {
            update(p, 0, ps.get(p).size(), ps.get(p).grad().data);
        }
    }

    @Override
    public final double step(Closure closure) {
        final double loss = closure.evaluateForUpdate();
        stepsTaken++;
        beginStep();
        if (ranges == null) {
            ranges = this::update;
        }
        closure.update(bound(), ranges);
        return loss;
    }

    @Override
    public Optimizer initialise(List<Parameter> parameters) {
        stepsTaken = 0;
        return super.initialise(parameters);
    }

    /** @return the steps taken since {@link #initialise} (PyTorch's state {@code 'step'}) */
    public long stepsTaken() {
        return stepsTaken;
    }

    /**
     * The optimiser's state by PyTorch's names, as {@code optimizer.state_dict()} lists it: for each name (in PyTorch's
     * order; only those these settings keep) one array per parameter, live (null for a parameter without it yet).
     *
     * @return name to arrays; empty for an optimiser without state
     */
    public java.util.Map<String, double[][]> namedState() {
        return java.util.Map.of();
    }

    /**
     * Restores the step count after the arrays of {@link #namedState} were written (PyTorch's {@code load_state_dict}):
     * the bias corrections, learning-rate decay or first-step rule that depend on it follow.
     *
     * @param steps the steps taken, &gt;= 0
     */
    public void restoreSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("An optimiser's step count must be >= 0, got " + steps);
        }
        stepsTaken = steps;
        stepsRestored(steps);
    }

    /**
     * Called by {@link #restoreSteps}: an optimiser whose update depends on the step count sets its own.
     *
     * @param steps the steps taken
     */
    protected void stepsRestored(long steps) {
    }
}
