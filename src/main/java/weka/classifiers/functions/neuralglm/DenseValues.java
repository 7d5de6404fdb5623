package weka.classifiers.functions.neuralglm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import weka.core.AbstractInstance;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * The value arrays of a data set's {@link DenseInstance}s, read in place: for an instance whose class is exactly
 * {@code DenseInstance}, {@code value(a)} is entry a of its array ({@code AbstractInstance.m_AttValues}), which Weka
 * keeps protected and copies in {@code toDoubleArray()}. Holding the arrays lets a build read a row of values as one
 * copy instead of an {@code Instance} call per value through the instance object: in a gather of 256 random rows
 * of 20 values (a throwaway loop of 200k rows, src/bench/SPEED.md), about 50 ns a row against 125.
 * Where Java's access checks refuse the field (a Weka run as named modules, say) there are no arrays and the caller
 * reads the values through {@code Instance.value}.
 */
final class DenseValues {
    private DenseValues() {
    }

    /** {@code AbstractInstance.m_AttValues}, or null when it cannot be read. */
    private static final VarHandle VALUES = find();

    private static VarHandle find() {
        try {
            return MethodHandles.privateLookupIn(AbstractInstance.class, MethodHandles.lookup())
                    .findVarHandle(AbstractInstance.class, "m_AttValues", double[].class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * @param inst an instance
     * @return its value array when its class is exactly {@code DenseInstance} and the array can be read; else null
     */
    static double[] array(Object inst) {
        return VALUES != null && inst.getClass() == DenseInstance.class ? (double[]) VALUES.get((AbstractInstance) inst)
                : null;
    }

    /**
     * @param data instances, which must not change while the arrays are used (a {@code setValue} replaces an
     *             instance's array). Not modified.
     * @return per instance its value array when its class is exactly {@code DenseInstance} (else null); null when the
     *         arrays cannot be read at all
     */
    static double[][] of(Instances data) {
        if (VALUES == null) {
            return null;
        }
        final int n = data.numInstances();
        final double[][] arrays = new double[n][];
        for (int i = 0; i < n; i++) {
            arrays[i] = array(data.instance(i));
        }
        return arrays;
    }
}
