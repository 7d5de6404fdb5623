package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import neuralglm.model.TabularModel;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.classifiers.functions.InstalledPackage;
import weka.core.Attribute;
import weka.core.Instances;
import weka.core.converters.ConverterUtils;

/**
 * Issue 8's "the saved model loads in Weka and predicts the same as the in-Spark model", end to end as a
 * user does it: {@code SparkTrain --save} trains in Spark local[2] from a CSV; in a child JVM with only
 * Weka on its classpath and the package installed offline, {@code weka.Run ImportTabularModel} converts
 * the saved model for the user's ARFF header (attributes in another order, class values in another
 * order), {@code weka.Run NeuralGLM -l model -T test.arff} predicts, and a Jython script (the bridge's
 * recipe of {@code JythonFromWekaIT}) loads the same model file and predicts. Both must give the engine
 * model's class probabilities ({@link TabularModel#mean}, which {@code SparkTableTest} checks against the
 * in-cluster {@link SparkPredict}) to 1e-12.
 */
class SparkModelInWekaIT {

    @TempDir
    static Path dir;

    private static final String SCRIPT = String.join("\n",
            "import sys",
            InstalledPackage.JYTHON_LOAD_MODEL,
            "for i in range(data.numInstances()):",
            "    p = model.distributionForInstance(data.instance(i))",
            "    print('row %d %s' % (i, ' '.join('%.17g' % v for v in p)))",
            "");

    @Test
    void aModelTrainedOnSparkPredictsTheSameInWekaRunAndInJython() throws Exception {
        final InstalledPackage installed = InstalledPackage.install(dir);
        final List<Object[]> train = SparkTableTest.cells(400, 7), test = SparkTableTest.cells(25, 8);
        for (Object[] r : test) {   // values an ARFF file holds exactly (Weka writes at most 6 decimals)
            for (int j = 0; j < 2; j++) {
                r[j] = r[j] == null ? null : Math.round((Double) r[j] * 1e4) / 1e4;
            }
        }
        final Path csv = dir.resolve("train.csv"), sparkModel = dir.resolve("grade.spark.json");
        final StringBuilder text = new StringBuilder("x1,x2,colour,size,outcome,grade,count,w\n");
        for (Object[] r : train) {
            final List<String> fields = new ArrayList<>();
            for (Object v : r) {
                fields.add(v == null ? "" : v.toString());
            }
            text.append(String.join(",", fields)).append('\n');
        }
        Files.writeString(csv, text);
        LocalSpark.start(2);   // SparkTrain's getOrCreate takes this session (loopback, no UI) and stops it
        SparkTrain.main(new String[] {"--master", "local[2]", "--input", csv.toString(), "--features", "x1,x2,colour,size",
            "--label", "grade", "--weight", "w", "--family", "Categorical", "--hidden", "3", "--activation", "Tanh",
            "--optimizer", "lbfgs", "--epochs", "15", "--partitions", "2", "--save", sparkModel.toString()});
        final TabularModel model = neuralglm.model.ModelFile.read(sparkModel);
        final Object[][] cells = new Object[test.size()][];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = new Object[] {test.get(i)[0], test.get(i)[1], test.get(i)[2], test.get(i)[3]};
        }
        final DMatrixRMaj expected = model.mean(cells);   // classes a, b, c

        // the user's header: attributes in another order, nominal values and class values in other orders
        final Instances user = new Instances("grades", new ArrayList<>(List.of(new Attribute("size", List.of("S", "L")),
                new Attribute("x1"), new Attribute("colour", List.of("red", "green", "blue")), new Attribute("x2"),
                new Attribute("grade", List.of("c", "a", "b")))), 0);
        user.setClassIndex(4);
        final Path testArff = dir.resolve("grade-test.arff"), wekaModel = dir.resolve("grade.model");
        Files.writeString(testArff, WekaRows.of(user, SparkTableTest.schema(), test).toString());
        final Path written = dir.resolve("written-header.arff");
        final String converted = installed.java("weka.Run", "weka.classifiers.functions.neuralglm.ImportTabularModel",
                "-model", sparkModel.toString(), "-header", testArff.toString(), "-d", wekaModel.toString(),
                "-write-header", written.toString());
        assertTrue(converted.contains("Trained on:") && converted.contains("Apache Spark"), converted);
        final Instances header = ConverterUtils.DataSource.read(written.toString());
        header.setClassIndex(header.numAttributes() - 1);
        assertTrue(header.equalHeaders(user), header.equalHeadersMsg(user));

        final String run = installed.java("weka.Run", "NeuralGLM", "-l", wekaModel.toString(), "-T", testArff.toString(),
                "-classifications", "weka.classifiers.evaluation.output.prediction.CSV -decimals 16 -distribution");
        final List<String> rows = run.lines().filter(l -> l.matches("\\d+,.*")).toList();
        assertEquals(test.size(), rows.size(), run);
        for (int i = 0; i < rows.size(); i++) {
            final String[] f = rows.get(i).split(",");
            for (int v = 0; v < 3; v++) {
                final double p = Double.parseDouble(f[f.length - 3 + v].replace("*", ""));
                assertEquals(expected.get(i, "abc".indexOf(user.classAttribute().value(v))), p, 1e-12,
                        "weka.Run, row " + i + ", class " + user.classAttribute().value(v) + "\n" + run);
            }
        }

        final Path script = dir.resolve("spark_model.py");
        Files.writeString(script, SCRIPT);
        final String out = installed.jython(script, wekaModel.toString(), testArff.toString());
        assertTrue(out.contains("model weka.classifiers.functions.NeuralGLM"), out);
        final Matcher row = Pattern.compile("row (\\d+) (\\S+) (\\S+) (\\S+)").matcher(out);
        int seen = 0;
        while (row.find()) {
            final int i = Integer.parseInt(row.group(1));
            for (int v = 0; v < 3; v++) {
                assertEquals(expected.get(i, "abc".indexOf(user.classAttribute().value(v))),
                        Double.parseDouble(row.group(2 + v)), 1e-12, String.format(Locale.ROOT, "Jython, row %d%n%s", i, out));
            }
            seen++;
        }
        assertEquals(test.size(), seen, out);
    }
}
