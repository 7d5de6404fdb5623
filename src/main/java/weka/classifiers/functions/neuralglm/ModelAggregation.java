package weka.classifiers.functions.neuralglm;

import neuralglm.model.AbsentClasses;
import neuralglm.model.Standardizer;
import neuralglm.nn.Layer;
import neuralglm.nn.Linear;
import neuralglm.nn.Sequential;
import neuralglm.train.ParameterAveraging;

/**
 * Parameter averaging of NeuralGLM models ({@code Aggregateable}) in the original attribute units:
 * models trained on different partitions standardise with different means m and scales s, so each
 * model's first layer is first folded into original units ({@link Standardizer#convertInPlace}),
 * <pre>
 *   W'_kj = W_kj / s_j,    b'_k = b_k - sum_j W_kj m_j / s_j        (then eta is the same function of x)
 * </pre>
 * the folded networks are averaged ({@link ParameterAveraging}), and the average is unfolded with the
 * receiving model's standardiser. The limits of {@link ParameterAveraging} apply: exact in meaning for a
 * GLM; for hidden layers only for models from the same initialisation (same seed and data header).
 * A class value a model had no training weight for ({@link AbsentClasses}) has no fitted output row in it: each
 * output row is averaged over the models that had the class ({@link ParameterAveraging#averageOutputs}), the classes
 * absent from every model stay absent, and their floor is computed from the models' total training weight.
 */
public final class ModelAggregation {

    private ModelAggregation() {
    }

    /**
     * @param m a fitted model. Not modified.
     * @return a copy of its network with the first layer in original attribute units
     * @throws Exception when the network cannot be copied
     */
    public static Sequential inOriginalUnits(FittedModel m) throws Exception {
        final Sequential copy = m.net.copy();
        m.pipeline.standardizer().convertInPlace(first(copy), true);
        return copy;
    }

    /**
     * Sums {@code other} into {@code sum} (both in original units).
     *
     * @param sum   the running sum. Modified.
     * @param other a network in original units. Not modified.
     */
    public static void add(Sequential sum, Sequential other) {
        ParameterAveraging.add(sum, other);
    }

    private static Linear first(Sequential net) {
        final Layer l = net.layers().get(0);
        if (!(l instanceof Linear)) {
            throw new IllegalStateException("The network does not start with a linear layer: " + l);
        }
        return (Linear) l;
    }

    /**
     * A running sum of models in original units: the networks (each one's rows of absent classes zeroed), per output
     * the number of models that had the class, the classes absent from all of them and their total training weight.
     */
    public static final class Sum {
        private final Sequential sum;
        private int count;
        private final int[] present;
        private boolean[] absentInAll;
        private double totalWeight;

        /**
         * @param first the first model. Not modified.
         * @throws Exception when its network cannot be copied
         */
        public Sum(FittedModel first) throws Exception {
            sum = inOriginalUnits(first);
            present = new int[((Linear) sum.layers().get(sum.layers().size() - 1)).outputs()];
            absentInAll = null;
            count(first, sum);
        }

        /**
         * @param other a model of the same header and architecture. Not modified.
         * @throws Exception when its network cannot be copied
         */
        public void add(FittedModel other) throws Exception {
            final Sequential n = inOriginalUnits(other);
            count(other, n);
            ModelAggregation.add(sum, n);
        }

        private void count(FittedModel m, Sequential net) {
            final AbsentClasses a = m.absentClasses();
            final int k = m.classAttribute.isNominal() ? m.classAttribute.numValues() : 0;
            if (absentInAll == null) {
                absentInAll = new boolean[k];
                java.util.Arrays.fill(absentInAll, true);
            }
            for (int c = 0; c < k; c++) {
                absentInAll[c] &= a != null && a.isAbsent(c);
            }
            // one output per class (softmax): the absent classes' rows hold no fit; a one-output (Bernoulli) row is kept
            final boolean rows = a != null && a.numClasses() == present.length;
            if (rows) {
                ParameterAveraging.zeroOutputs(net, a.classes());
            }
            for (int c = 0; c < present.length; c++) {
                if (!(rows && a.isAbsent(c))) {
                    present[c]++;
                }
            }
            totalWeight += a != null ? a.totalWeight() : m.sumOfWeights();
            count++;
        }

        /** @return the number of models summed */
        public int count() {
            return count;
        }

        /**
         * @param s the receiving model's standardiser
         * @return the average, in the standardised units of {@code s} (the sum is consumed)
         */
        public Sequential average(Standardizer s) {
            ParameterAveraging.scale(sum, 1.0 / count);
            ParameterAveraging.averageOutputs(sum, count, present);
            s.convertInPlace(first(sum), false);
            return sum;
        }

        /** @return the classes absent from every model summed, with their total weight; null when none */
        public AbsentClasses absent() {
            return AbsentClasses.of(absentInAll, totalWeight);
        }
    }
}
