package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.converters.ConverterUtils;

/**
 * The README's "From a Weka installation" recipe, run as written: the package is installed offline into
 * a fresh {@code WEKA_HOME}, then a Jython script runs in a child JVM started as
 * {@code java -cp "jython-standalone-2.7.4.jar:$P/neuralGLM.jar:$P/lib/*:weka.jar" org.python.util.jython script.py}
 * (the Maven Weka classpath standing in for {@code weka.jar}). The script trains a small network with the
 * bridge's Java classes and loads a NeuralGLM model saved by {@code weka.Run}, predicting with it.
 */
class JythonFromWekaIT {

    @TempDir
    static Path dir;
    static InstalledPackage installed;

    private static final String SCRIPT = String.join("\n",
            "import sys",
            "from neuralglm.jython import Torch, Nn, Functional, TorchSGD as SGD, TorchSequential as Sequential",
            "Torch.manual_seed(1)",
            "net = Sequential([Nn.Linear(1, 8), Nn.Tanh(), Nn.Linear(8, 1)])",
            "X = Torch.tensor([[0.0], [0.5], [1.0], [1.5], [2.0]])",
            "y = Torch.tensor([[0.0], [0.25], [1.0], [2.25], [4.0]])",
            "opt = SGD(net.parameters(), 0.05)",
            "losses = []",
            "for step in range(50):",
            "    opt.zero_grad()",
            "    loss = Functional.mse_loss(net(X), y)",
            "    loss.backward()",
            "    opt.step()",
            "    losses.append(loss.item())",
            "print('loss first %.17g last %.17g' % (losses[0], losses[-1]))",
            InstalledPackage.JYTHON_LOAD_MODEL,
            "for i in range(data.numInstances()):",
            "    inst = data.instance(i)",
            "    iv = model.predictIntervals(inst, 0.9)[0]",
            "    print('row %d %.17g %.17g %.17g' % (i, model.classifyInstance(inst), iv[0], iv[1]))",
            "");

    @BeforeAll
    static void install() throws Exception {
        installed = InstalledPackage.install(dir);
    }

    @Test
    void readmeRecipeTrainsWithTheBridgeAndPredictsWithASavedModel() throws Exception {
        final Instances train = FamilyData.of("Gamma", 200, 41), test = FamilyData.of("Gamma", 20, 42);
        final Path trainFile = WekaPackageIT.arffIn(dir, "gamma-train", train);
        final Path testFile = WekaPackageIT.arffIn(dir, "gamma-test", test);
        final Path model = dir.resolve("gamma.model");
        final String run = installed.java("weka.Run", "NeuralGLM", "-t", trainFile.toString(), "-T", testFile.toString(),
                "-d", model.toString(), "-hidden", "none", "-family", "neuralglm.Gamma", "-dispersion", "ML",
                "-classifications", "weka.classifiers.evaluation.output.prediction.CSV -decimals 16");
        final List<Double> wekaRun = run.lines().filter(l -> l.matches("\\d+,[-0-9.E]+,[-0-9.E]+,[-0-9.E]+"))
                .map(l -> Double.valueOf(l.split(",")[2])).collect(Collectors.toList());
        assertEquals(20, wekaRun.size(), run);

        final Path script = dir.resolve("from_weka.py");
        Files.writeString(script, SCRIPT);
        assertTrue(installed.jythonJar.endsWith("jython-standalone-2.7.4.jar"), installed.jythonJar);
        final String out = installed.jython(script, model.toString(), testFile.toString());

        final Matcher loss = Pattern.compile("loss first (\\S+) last (\\S+)").matcher(out);
        assertTrue(loss.find(), out);
        assertTrue(Double.parseDouble(loss.group(2)) < Double.parseDouble(loss.group(1)) / 4, out);
        assertTrue(out.contains("model weka.classifiers.functions.NeuralGLM"), out);

        final NeuralGLM here = (NeuralGLM) SerializationHelper.read(model.toString());
        final Instances written = ConverterUtils.DataSource.read(testFile.toString()); // as the script reads it
        written.setClassIndex(written.numAttributes() - 1);
        final Matcher row = Pattern.compile("row (\\d+) (\\S+) (\\S+) (\\S+)").matcher(out);
        int rows = 0;
        while (row.find()) {
            final int i = Integer.parseInt(row.group(1));
            final double mu = Double.parseDouble(row.group(2));
            assertEquals(wekaRun.get(i), mu, 1e-12 * Math.abs(mu), out);
            final double[] iv = here.predictIntervals(written.instance(i), 0.9)[0];
            assertEquals(iv[0], Double.parseDouble(row.group(3)), 1e-12 * iv[0], out);
            assertEquals(iv[1], Double.parseDouble(row.group(4)), 1e-12 * iv[1], out);
            assertTrue(iv[0] < mu && mu < iv[1]);
            rows++;
        }
        assertEquals(20, rows, out);
    }
}
