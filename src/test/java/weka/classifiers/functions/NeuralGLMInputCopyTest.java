package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import neuralglm.nn.Parameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.Utils;

/**
 * A mini-batch build on one thread with numeric inputs reads each batch from the instances (standardised as read)
 * and keeps no copy of them, by default where each row is one copy of an instance's values and with
 * {@code -read-instances} always; its model is the one the copying build makes, to the bit: parameters, report (fit statistics, dispersion) and predictions; on data with an attribute removed as useless,
 * missing input values, a missing class value and weights; in float64 and float32; a Gaussian class (learnt
 * standardised: the statistics predict on the rows read in blocks, more than one here); with threads, each reading its
 * slice of a batch. {@link NeuralGLM#readsInputsFromInstances} tells the two apart, and is false after a build that
 * failed before its run started.
 */
class NeuralGLMInputCopyTest {

    private static final String OPTIONS = " -hidden 6,5 -activation ReLU -optimizer \"weka.classifiers.functions.neuralglm.Adam -lr 0.01\""
            + " -epochs 4 -mini-batch-size 16 -weight-decay 0 -validation-fraction 0 -S 7";

    private static Instances data(String family, int n) {
        final Instances data = FamilyData.of(family, n, 3);
        data.insertAttributeAt(new Attribute("unused"), 1); // all missing: removed as useless
        for (int i = 0; i < data.numInstances(); i += 17) {
            data.instance(i).setValue(2, Utils.missingValue());
        }
        data.instance(5).setClassMissing();
        for (int i = 0; i < data.numInstances(); i += 3) {
            data.instance(i).setWeight(0.5 + (i % 7) / 4.0);
        }
        return data;
    }

    private static NeuralGLM build(String family, Instances data, boolean read, String extra) throws Exception {
        final NeuralGLM g = new NeuralGLM();
        g.setOptions(Utils.splitOptions("-family weka.classifiers.functions.neuralglm." + family + OPTIONS + extra
                + (read ? " -read-instances" : "")));
        g.buildClassifier(data);
        return g;
    }

    @ParameterizedTest
    @CsvSource({"Poisson, float64, 240", "Categorical, float64, 240", "Gaussian, float64, 4500", "Poisson, float32, 240"})
    void readingTheInstancesMakesTheCopyingBuildsModel(String family, String precision, int n) throws Exception {
        final Instances data = data(family, n);
        final String options = " -precision " + precision;
        final NeuralGLM copied = build(family, data, false, options), read = build(family, data, true, options);
        assertFalse(copied.readsInputsFromInstances(), "missing values, a useless attribute: by default a copy");
        assertTrue(read.readsInputsFromInstances(), "-read-instances: the inputs were read from the instances");
        assertArrayEquals(Parameters.flatten(copied.fittedModel().network().parameters()),
                Parameters.flatten(read.fittedModel().network().parameters()), 0.0, "the parameters");
        assertEquals(copied.toString(), read.toString(), "the report: statistics, dispersion");
        assertTrue(read.toString().contains("missing input values"), read.toString());
        for (int i = 0; i < data.numInstances(); i++) {
            assertArrayEquals(copied.distributionForInstance(data.instance(i)), read.distributionForInstance(data.instance(i)),
                    0.0, "instance " + i);
        }
        // two threads: each reads its slice of a batch from the instances, the same model as two threads on the copy
        final NeuralGLM copied2 = build(family, data, false, options + " -num-threads 2"),
                read2 = build(family, data, true, options + " -num-threads 2");
        assertFalse(copied2.readsInputsFromInstances());
        assertTrue(read2.readsInputsFromInstances(), "two threads read the instances too");
        assertArrayEquals(Parameters.flatten(copied2.fittedModel().network().parameters()),
                Parameters.flatten(read2.fittedModel().network().parameters()), 0.0, "two threads: the parameters");
        assertEquals(copied2.toString(), read2.toString(), "two threads: the report");
        read.setEpochs(0);
        assertThrows(IllegalArgumentException.class, () -> read.buildClassifier(data));
        assertFalse(read.readsInputsFromInstances(), "a build that failed before its run started read nothing");
    }

    /**
     * Complete numeric inputs, the class first and a constant attribute last (removed as useless): by default the build reads each row as one copy of its instance's value
     * array; with some rows of a DenseInstance subclass (which could answer value() otherwise) it copies the inputs
     * instead, and with {@code -read-instances} it reads those rows value by value and the others whole. The three give
     * the same model, to the bit, on more rows than a block of the standardiser. With 253 more inputs (256 with the
     * constant: the moments' blocks are 32 rows for 257 columns, 64 for the 256 kept) and two threads, whose copying
     * build sums the kept columns on its own, the reading build fits the standardiser on the kept columns too: the same
     * model.
     */
    @ParameterizedTest
    @CsvSource({"Poisson, float64, 1, false", "Gaussian, float64, 1, false", "Categorical, float32, 1, false",
        "Poisson, float64, 2, false", "Categorical, float64, 3, false", "Poisson, float64, 2, true"})
    void completeRowsReadAsArraysMakeTheCopyingBuildsModel(String family, String precision, int threads, boolean wide)
            throws Exception {
        final Instances data = FamilyData.of(family, 300, 4);
        final java.util.Random noise = new java.util.Random(5);
        for (int extra = 0; wide && extra < 253; extra++) {   // wide rows: more inputs, of noise
            data.insertAttributeAt(new Attribute("z" + extra), 0);
            for (int i = 0; i < data.numInstances(); i++) {
                data.instance(i).setValue(0, 10 + noise.nextGaussian());
            }
        }
        final Instances classFirst = new Instances(data);
        classFirst.setClassIndex(-1);
        classFirst.insertAttributeAt(data.classAttribute().copy("target"), 0);
        for (int i = 0; i < data.numInstances(); i++) {
            classFirst.instance(i).setValue(0, data.instance(i).classValue());
        }
        classFirst.deleteAttributeAt(classFirst.numAttributes() - 1);
        classFirst.setClassIndex(0);
        classFirst.insertAttributeAt(new Attribute("constant"), classFirst.numAttributes()); // useless: removed
        for (int i = 0; i < classFirst.numInstances(); i++) {
            classFirst.instance(i).setValue(classFirst.numAttributes() - 1, 2.5);
        }
        for (int i = 0; i < classFirst.numInstances(); i += 3) {
            classFirst.instance(i).setWeight(0.5 + (i % 7) / 4.0);
        }
        final Instances mixed = new Instances(classFirst);
        for (int i = 1; i < mixed.numInstances(); i += 11) {
            final weka.core.Instance old = mixed.instance(i);
            mixed.set(i, new OwnInstance(old.weight(), old.toDoubleArray()));
        }
        assertTrue(mixed.instance(1) instanceof OwnInstance);
        final String options = " -precision " + precision + " -num-threads " + threads;
        final NeuralGLM whole = build(family, classFirst, false, options), copied = build(family, mixed, false, options),
                read = build(family, mixed, true, options);
        assertTrue(whole.readsInputsFromInstances(), "every row one array: read from the instances by default");
        assertTrue(whole.toString().contains("columns after removing useless attributes"), whole.toString());
        assertTrue(whole.toString().contains("; attributes left out: 'constant'"), whole.toString());
        assertEquals(classFirst.numAttributes() - 2, whole.fittedModel().network().parameters().get(0).value().numCols,
                "the inputs but the constant");
        assertFalse(copied.readsInputsFromInstances(), "rows of another class of instance: copied by default");
        assertTrue(read.readsInputsFromInstances(), "-read-instances: read from the instances");
        for (NeuralGLM g : new NeuralGLM[] {whole, read}) {
            assertArrayEquals(Parameters.flatten(copied.fittedModel().network().parameters()),
                    Parameters.flatten(g.fittedModel().network().parameters()), 0.0, "the parameters");
            assertEquals(copied.toString(), g.toString(), "the report: statistics, dispersion");
            for (int i = 0; i < classFirst.numInstances(); i++) {
                assertArrayEquals(copied.distributionForInstance(classFirst.instance(i)),
                        g.distributionForInstance(classFirst.instance(i)), 0.0, "instance " + i);
            }
        }
    }

    /**
     * A build that read the instances keeps none of them: the serialised classifier is a small fraction of the
     * serialised data (20,000 rows), and predicts as before once read back.
     */
    @org.junit.jupiter.api.Test
    void aModelThatReadTheInstancesHoldsNoneOfThem() throws Exception {
        final Instances data = FamilyData.of("Poisson", 20_000, 5);
        final NeuralGLM g = new NeuralGLM();
        g.setOptions(Utils.splitOptions("-family weka.classifiers.functions.neuralglm.Poisson -hidden 4 -epochs 1 "
                + "-optimizer \"weka.classifiers.functions.neuralglm.Adam -lr 0.01\" -mini-batch-size 256 -weight-decay 0 -validation-fraction 0 -S 1"));
        g.buildClassifier(data);
        assertTrue(g.readsInputsFromInstances());
        final java.io.ByteArrayOutputStream model = new java.io.ByteArrayOutputStream(), all = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(model)) {
            out.writeObject(g);
        }
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(all)) {
            out.writeObject(data);
        }
        assertTrue(model.size() * 20 < all.size(), "model " + model.size() + " bytes, data " + all.size() + " bytes");
        final NeuralGLM back;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(model.toByteArray()))) {
            back = (NeuralGLM) in.readObject();
        }
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(g.distributionForInstance(data.instance(i)), back.distributionForInstance(data.instance(i)),
                    0.0, "instance " + i);
        }
    }

    /**
     * A mini-batch smaller than the instances but not than those with a class value (Weka fuzz seed 429592: 3 instances,
     * one without a class value, mini-batches of 2): the build chose to read the instances, and its trainer, which makes
     * one full batch of the 2 rows, refused the reading with an internal message. Now such a build copies the inputs:
     * it builds, the same model as with the class-less instance left out beforehand.
     */
    @org.junit.jupiter.api.Test
    void aMiniBatchAsLargeAsTheRowsWithAClassValueCopiesTheInputs() throws Exception {
        final Instances some = FamilyData.of("Poisson", 3, 5);   // numeric inputs, none missing: rows to read whole
        some.instance(1).setClassMissing();
        final NeuralGLM g = new NeuralGLM();
        g.setOptions(Utils.splitOptions("-family Poisson -hidden 4 -mini-batch-size 2 -weight-decay 0.5 "
                + "-validation-fraction 0 -epochs 3 -S 2"));
        g.buildClassifier(some);
        assertFalse(g.readsInputsFromInstances());
        final Instances known = new Instances(some, 0);
        known.add(some.instance(0));
        known.add(some.instance(2));
        final NeuralGLM h = new NeuralGLM();
        h.setOptions(Utils.splitOptions("-family Poisson -hidden 4 -mini-batch-size 2 -weight-decay 0.5 "
                + "-validation-fraction 0 -epochs 3 -S 2"));
        h.buildClassifier(known);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(h.distributionForInstance(some.instance(i)), g.distributionForInstance(some.instance(i)),
                    0.0, "instance " + i);
        }
    }

    /** A DenseInstance subclass (kept as such by copy(), which Instances.set calls). */
    private static final class OwnInstance extends weka.core.DenseInstance {
        private static final long serialVersionUID = 1L;

        OwnInstance(double weight, double[] values) {
            super(weight, values);
        }

        @Override
        public Object copy() {
            final OwnInstance c = new OwnInstance(weight(), toDoubleArray());
            c.setDataset(dataset());
            return c;
        }
    }
}
