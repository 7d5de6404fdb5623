package weka.classifiers.functions.neuralglm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.SparseInstance;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.Remove;
import weka.filters.unsupervised.attribute.RemoveUseless;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;

/**
 * The pipeline fits without filtered copies of the data; its matrix and its per-instance transform must
 * equal, to the bit, Weka's own filters applied with {@code Filter.useFilter} (ReplaceMissingValues,
 * RemoveUseless, NominalToBinary, and in GLM mode Remove of each nominal attribute's first-value column), on data with weights, missing values, constant and all-missing
 * attributes, a nominal attribute with all values distinct, and 0.0 next to -0.0; dense and sparse instances;
 * numeric inputs with and without useless ones, the class last or first.
 */
class InputPipelineTest {

    private static Instances data(int n, long seed) {
        final Random rng = new Random(seed);
        final ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("gauss"));
        atts.add(new Attribute("constant"));
        atts.add(new Attribute("allMissing"));
        atts.add(new Attribute("signedZero"));
        atts.add(new Attribute("colour", List.of("red", "green", "blue")));
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("id" + i);
        }
        atts.add(new Attribute("id", ids));
        atts.add(new Attribute("twoValues", List.of("no", "yes")));
        atts.add(new Attribute("sparseMissing"));
        atts.add(new Attribute("y"));
        final Instances d = new Instances("pipeline", atts, n);
        d.setClassIndex(atts.size() - 1);
        for (int i = 0; i < n; i++) {
            final double[] v = {rng.nextGaussian() * 3 + 1, 2.5, Utils.missingValue(), i % 2 == 0 ? 0.0 : -0.0,
                rng.nextInt(3), i, rng.nextInt(2), rng.nextDouble() < 0.9 ? Utils.missingValue() : rng.nextGaussian(),
                rng.nextGaussian()};
            for (int j : new int[] {0, 4, 6}) {
                if (rng.nextDouble() < 0.1) {
                    v[j] = Utils.missingValue();
                }
            }
            d.add(new DenseInstance(0.25 + rng.nextDouble() * 3, v));
        }
        return d;
    }

    /**
     * @param variant dense: as made; sparse: the same values in {@link SparseInstance}s; useful: numeric inputs
     *                that are all kept (no useless one), the class first
     */
    @ParameterizedTest
    @CsvSource({"1, false, false, dense", "2, false, false, dense", "5, false, false, dense", "60, false, false, dense",
        "500, false, false, dense", "5, true, false, dense", "500, true, false, dense", "1, false, true, dense",
        "60, false, true, dense", "500, true, true, dense", "60, false, false, sparse", "500, true, false, sparse",
        "60, false, true, sparse", "1, false, true, useful", "60, false, true, useful", "500, false, true, useful",
        "60, false, true, usefulSparse"})
    void sameMatrixAndTransformAsWekasFilters(int n, boolean referenceCoding, boolean numericOnly, String variant)
            throws Exception {
        Instances data = data(n, n);
        if (numericOnly) { // the pipeline's own path for numeric inputs
            for (int a = data.numAttributes() - 2; a >= 0; a--) {
                if (data.attribute(a).isNominal()) {
                    data.deleteAttributeAt(a);
                }
            }
        }
        if (variant.startsWith("useful")) { // gauss, sparseMissing and the class, moved first
            for (String useless : new String[] {"constant", "allMissing", "signedZero"}) {
                data.deleteAttributeAt(data.attribute(useless).index());
            }
            data.setClassIndex(-1);
            data.insertAttributeAt(new Attribute("y0"), 0);
            for (int i = 0; i < n; i++) {
                data.instance(i).setValue(0, data.instance(i).value(data.numAttributes() - 1));
            }
            data.deleteAttributeAt(data.numAttributes() - 1);
            data.setClassIndex(0);
        }
        if (variant.endsWith("parse")) {
            final Instances sparse = new Instances(data, n);
            for (int i = 0; i < n; i++) {
                sparse.add(new SparseInstance(data.instance(i)));
            }
            data = sparse;
        }
        final ReplaceMissingValues missing = new ReplaceMissingValues();
        missing.setInputFormat(data);
        Instances d = Filter.useFilter(data, missing);
        final RemoveUseless useless = new RemoveUseless();
        useless.setInputFormat(d);
        d = Filter.useFilter(d, useless);
        final Instances beforeBinary = new Instances(d, 0);
        final NominalToBinary binary = new NominalToBinary();
        binary.setInputFormat(d);
        d = Filter.useFilter(d, binary);
        // reference coding (GLM mode): the first value's column of each nominal attribute with > 2 values goes
        final List<Integer> drop = new ArrayList<>();
        for (int a = 0; a < beforeBinary.numAttributes(); a++) {
            final Attribute att = beforeBinary.attribute(a);
            if (referenceCoding && a != beforeBinary.classIndex() && att.isNominal() && att.numValues() > 2) {
                drop.add(d.attribute(att.name() + "=" + att.value(0)).index());
            }
        }
        final Remove reference = new Remove();
        reference.setAttributeIndicesArray(drop.stream().mapToInt(Integer::intValue).toArray());
        reference.setInputFormat(d);
        d = Filter.useFilter(d, reference);

        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = data.instance(i).weight();
        }
        final InputPipeline pipeline = new InputPipeline(referenceCoding);
        final DMatrixRMaj x = pipeline.fit(data, false, w);
        // numeric inputs, dense: from the raw inputs Targets.known copies (on 1 and 2 threads), the same matrices
        // as from the instances, unstandardised and standardised, and the same transform
        final List<InputPipeline> viaRaw = new ArrayList<>();
        if (numericOnly && !variant.endsWith("parse")) {
            final DMatrixRMaj standardised = new InputPipeline(referenceCoding).fit(data, true, w);
            for (int threads = 1; threads <= 2; threads++) {
                for (boolean standardize : new boolean[] {false, true}) {
                    final Targets.Known known = Targets.known(data, new neuralglm.family.GaussianFamily(), threads, 1);
                    final InputPipeline p = new InputPipeline(referenceCoding);
                    final DMatrixRMaj xr = p.fit(data, standardize, w, known.inputs(), known.classValues(), threads);
                    final DMatrixRMaj want = standardize ? standardised : x;
                    assertEquals(want.numRows * want.numCols, xr.numRows * xr.numCols);
                    for (int k = 0; k < want.numRows * want.numCols; k++) {
                        assertEquals(Double.doubleToRawLongBits(want.data[k]), Double.doubleToRawLongBits(xr.data[k]),
                                "from the raw inputs, " + threads + " threads, standardised " + standardize + ", entry " + k);
                    }
                    if (!standardize) {
                        viaRaw.add(p);
                    }
                }
            }
        }
        final int cls = d.classIndex();
        final List<String> names = new ArrayList<>();
        for (int a = 0; a < d.numAttributes(); a++) {
            if (a != cls) {
                names.add(d.attribute(a).name());
            }
        }
        if (names.isEmpty()) {
            names.add("(no input attribute left)");
        }
        assertEquals(names, List.of(pipeline.inputNames()), "the same columns");
        final int cols = pipeline.numInputs();
        final double[] expected = new double[n * cols];
        for (int i = 0; i < n; i++) {
            for (int a = 0, j = 0; a < d.numAttributes(); a++) {
                if (a != cls) {
                    expected[i * cols + j++] = d.instance(i).value(a);
                }
            }
        }
        assertArrayEquals(expected, x.data, 0.0, "training matrix");

        // new instances, with missing values everywhere: imputed with the same means and modes
        final Instances fresh = new Instances(data, 0);
        final Instances freshAll = data(7, 1000 + n);
        for (int i = 0; i < freshAll.numInstances(); i++) {
            final double[] v = new double[data.numAttributes()];
            for (int a = 0; a < data.numAttributes(); a++) {
                final String name = data.attribute(a).name().equals("y0") ? "y" : data.attribute(a).name();
                v[a] = freshAll.instance(i).value(freshAll.attribute(name));
            }
            fresh.add(new DenseInstance(freshAll.instance(i).weight(), v));
        }
        for (int i = 0; i < fresh.numInstances(); i++) {
            final Instance inst = fresh.instance(i);
            inst.setMissing(i % inst.numAttributes());
            missing.input(inst);
            useless.input(missing.output());
            binary.input(useless.output());
            reference.input(binary.output());
            final Instance ref = reference.output();
            final double[] row = new double[cols];
            for (int a = 0, j = 0; a < ref.numAttributes(); a++) {
                if (a != cls) {
                    row[j++] = ref.value(a);
                }
            }
            assertArrayEquals(row, pipeline.transform(inst).data, 0.0, "instance " + i);
            for (InputPipeline p : viaRaw) {
                final double[] a = pipeline.transform(inst).data, b = p.transform(inst).data;
                for (int j = 0; j < a.length; j++) {
                    assertEquals(Double.doubleToRawLongBits(a[j]), Double.doubleToRawLongBits(b[j]), "from the raw inputs: instance " + i);
                }
            }
        }
    }

    /**
     * A data set large enough for the preparation to be shared (8000 rows, 20 numeric inputs: the pass over the
     * instances in 2 blocks of rows, the sums and the standardiser's moments in 2 ranges of columns, its
     * application in 2 blocks of rows), with missing values, a constant column and the class first: the
     * standardised matrix from the raw inputs on 2 threads is, to the bit, the one-thread pipeline's read from
     * the instances.
     */
    @ParameterizedTest
    @CsvSource({"true", "false"})
    void sharedAmongThreadsTheSameMatrixAsFromTheInstances(boolean missingValues) throws Exception {
        final int n = 8000, d = 20;
        final Random rng = new Random(21);
        final ArrayList<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("y"));
        for (int j = 0; j < d; j++) {
            atts.add(new Attribute("x" + j));
        }
        final Instances data = new Instances("shared", atts, n);
        data.setClassIndex(0);
        for (int i = 0; i < n; i++) {
            final double[] v = new double[d + 1];
            v[0] = rng.nextInt(7);
            for (int j = 1; j <= d; j++) {
                v[j] = j == 5 ? 3.0 : missingValues && rng.nextInt(10) == 0 ? Utils.missingValue() : 1e4 * j + rng.nextGaussian();
            }
            data.add(new DenseInstance(0.5 + rng.nextDouble(), v));
        }
        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = data.instance(i).weight();
        }
        final InputPipeline serial = new InputPipeline(false);
        final DMatrixRMaj expected = serial.fit(data, true, w);
        final Targets.Known known = Targets.known(data, new neuralglm.family.PoissonFamily(), 2);
        final InputPipeline shared = new InputPipeline(false);
        final DMatrixRMaj x = shared.fit(data, true, known.targets().weights(), known.inputs(), known.classValues(), 2);
        assertEquals(expected.numCols, x.numCols);
        assertEquals(d - 1, x.numCols, "the constant column is removed");
        for (int k = 0; k < n * x.numCols; k++) {
            if (Double.doubleToRawLongBits(expected.data[k]) != Double.doubleToRawLongBits(x.data[k])) {
                assertEquals(Double.doubleToRawLongBits(expected.data[k]), Double.doubleToRawLongBits(x.data[k]), "entry " + k);
            }
        }
        assertArrayEquals(serial.standardizer().mean(), shared.standardizer().mean(), 0.0);
        assertArrayEquals(serial.standardizer().scale(), shared.standardizer().scale(), 0.0);
        final Instance fresh = (Instance) data.instance(3).copy();
        fresh.setMissing(2);
        assertArrayEquals(serial.transform(fresh).data, shared.transform(fresh).data, 0.0, "a missing value imputed alike");
    }

    /**
     * Numeric inputs without missing values: the standardiser takes the column sums of the pipeline's one pass
     * over the instances (dense, or sparse with their zeros left out) instead of summing the matrix again; the
     * standardised matrix must be, to the bit, the standardiser's fitted on the raw matrix. With weights other
     * than the instances' the pass runs again with Weka's total weight, and must still match.
     */
    @ParameterizedTest
    @CsvSource({"dense, true", "sparse, true", "dense, false", "sparse, false"})
    void standardisedAsTheStandardiserFittedOnTheRawMatrix(String variant, boolean instanceWeights) throws Exception {
        final int n = 301, d = 3;
        final Random rng = new Random(11);
        final ArrayList<Attribute> atts = new ArrayList<>();
        for (String name : new String[] {"gauss", "zeros", "offset", "y"}) {
            atts.add(new Attribute(name));
        }
        final Instances data = new Instances("standardised", atts, n);
        data.setClassIndex(d);
        final DMatrixRMaj raw = new DMatrixRMaj(n, d);
        final double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            final double[] v = {rng.nextGaussian() * 3 + 1, rng.nextInt(3) == 0 ? (i % 2 == 0 ? 0.0 : -0.0) : -rng.nextDouble(),
                1e6 + rng.nextGaussian(), rng.nextGaussian()};
            System.arraycopy(v, 0, raw.data, i * d, d);
            final double weight = i % 17 == 0 ? 0.0 : 0.25 + rng.nextDouble() * 3;
            w[i] = instanceWeights ? weight : weight * 1.5;
            data.add(variant.equals("sparse") ? new SparseInstance(weight, v) : new DenseInstance(weight, v));
        }
        final DMatrixRMaj expected = neuralglm.model.Standardizer.fit(raw, w).apply(raw.copy());
        final DMatrixRMaj x = new InputPipeline(false).fit(data, true, w);
        for (int k = 0; k < n * d; k++) {
            assertEquals(Double.doubleToRawLongBits(expected.data[k]), Double.doubleToRawLongBits(x.data[k]),
                    "value " + k + ": " + x.data[k] + ", expected " + expected.data[k]);
        }
    }
}
