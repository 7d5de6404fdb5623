package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import weka.core.Instances;

/**
 * The package as a Weka user gets it (runs in {@code mvn verify}, after {@code package}): the zip is
 * installed offline into a fresh {@code WEKA_HOME} by Weka's own package manager, and every check runs
 * in a separate JVM whose classpath holds only Weka and its runtime dependencies, so NeuralGLM and EJML
 * can only come from the installed package.
 */
class WekaPackageIT {

    @TempDir
    static Path dir;
    static InstalledPackage installed;

    @BeforeAll
    static void install() throws Exception {
        installed = InstalledPackage.install(dir);
    }

    /** Runs a main class (or a single-file program) in a new JVM with only Weka on the classpath. */
    static String java(String... args) throws IOException, InterruptedException {
        return installed.java(args);
    }

    static Path arff(String name, Instances data) throws IOException {
        return arffIn(dir, name, data);
    }

    /** Writes data as dir/name.arff. */
    static Path arffIn(Path dir, String name, Instances data) throws IOException {
        final Path f = dir.resolve(name + ".arff");
        Files.writeString(f, data.toString());
        return f;
    }

    static double number(String text, String label) {
        final Matcher m = Pattern.compile(Pattern.quote(label) + "\\s+(-?[0-9.]+)").matcher(text);
        assertTrue(m.find(), "no '" + label + "' in\n" + text);
        return Double.parseDouble(m.group(1));
    }

    private static String testSection(String out) {
        final int i = out.indexOf("=== Error on test data ===");
        assertTrue(i >= 0, out);
        return out.substring(i);
    }

    @Test
    void numericClassRunsWithWekaRun() throws Exception {
        final Path train = arff("poisson-train", FamilyData.of("Poisson", 300, 31));
        final Path test = arff("poisson-test", FamilyData.of("Poisson", 200, 32));
        final String out = java("weka.Run", "NeuralGLM", "-t", train.toString(), "-T", test.toString(),
                "-hidden", "none", "-family", "Poisson");
        assertTrue(out.contains("NeuralGLM: generalized linear model (no hidden layer)"), out);
        assertTrue(out.contains("Poisson, link log"), out);
        final String section = testSection(out);
        assertTrue(number(section, "Correlation coefficient") > 0.4, section);
        assertTrue(number(section, "Relative absolute error") < 95, section);
    }

    @Test
    void nominalClassRunsWithWekaRun() throws Exception {
        final Path train = arff("cat-train", FamilyData.of("Categorical", 300, 33));
        final Path test = arff("cat-test", FamilyData.of("Categorical", 200, 34));
        final String out = java("weka.Run", "NeuralGLM", "-t", train.toString(), "-T", test.toString(),
                "-hidden", "8", "-epochs", "100", "-weight-decay", "0.01");
        assertTrue(out.contains("3 inputs -> 8 ReLU -> 3 outputs"), out);
        final String section = testSection(out);
        assertTrue(number(section, "Kappa statistic") > 0.3, section);
    }

    /**
     * In Weka's default JVM (started without the Vector API module, as these child JVMs) a network with a layer wider than
     * 48 units, which the Vector API's kernels train faster, loads the module at run time: its report's Kernels line
     * says so, and nothing asks for an option. With the loading turned off it trains on the plain-Java row kernels: the
     * report's Kernels line has the exact option and the environment setting, the console the note once, with the
     * reason; so too when the loaded module's kernels never reach compiled speed in their warm-up. A float32 network with
     * a 64-unit layer loads it too (its float column pass's products on the Vector API). A narrower network, in float64
     * or float32, and the default average of 16-unit networks (written as one wider network) train by columns, as fast
     * without the module: no line, nothing loaded.
     */
    @Test
    void defaultJvmLoadsTheVectorModuleForTheNetworksItSpeedsUp() throws Exception {
        final Path train = arff("kernels-train", FamilyData.of("Poisson", 300, 35));
        final String[] wideOptions = {"weka.Run", "NeuralGLM", "-t", train.toString(), "-no-cv",
            "-family", "Poisson", "-hidden", "64", "-epochs", "3", "-weight-decay", "0", "-validation-fraction", "0"};
        final String wide = java(wideOptions);
        assertTrue(wide.contains("NeuralGLM: neural network") && wide.contains("inputs -> 64 "), wide);
        final String loaded = wide.lines().filter(l -> l.startsWith("Kernels:")).findFirst().orElse(null);
        assertTrue(loaded != null && loaded.contains("module jdk.incubator.vector, which NeuralGLM loaded at run time")
                && loaded.contains("-Dneuralglm.loadVectorModule=false"), wide);
        assertTrue(wide.lines().noneMatch(l -> l.contains("add-modules")), wide);
        final List<String> off = new java.util.ArrayList<>(List.of("-Dneuralglm.loadVectorModule=false"));
        off.addAll(List.of(wideOptions));
        final String plain = java(off.toArray(new String[0]));
        final String line = plain.lines().filter(l -> l.startsWith("Kernels:")).findFirst().orElse(null);
        assertTrue(line != null && line.contains("java --add-modules jdk.incubator.vector -jar weka.jar")
                && line.contains("JDK_JAVA_OPTIONS=--add-modules=jdk.incubator.vector"), plain);
        assertEquals(1, plain.lines().filter(l -> l.startsWith("NeuralGLM: this JVM runs without the Vector API module "
                + "(loading it at run time did not work: -Dneuralglm.loadVectorModule=false)")).count(), plain);
        // a loaded module whose kernels never reach compiled speed in their warm-up (forced here by a warm-up of 0 s, as a
        // JIT without the Vector API's intrinsics would leave them) is turned off again: plain-Java kernels, the flag's line
        final List<String> slow = new java.util.ArrayList<>(List.of("-Dneuralglm.vectorWarmUpSeconds=0"));
        slow.addAll(List.of(wideOptions));
        final String stopped = java(slow.toArray(new String[0]));
        final String stoppedLine = stopped.lines().filter(l -> l.startsWith("Kernels:")).findFirst().orElse(null);
        assertTrue(stoppedLine != null && stoppedLine.contains("java --add-modules jdk.incubator.vector -jar weka.jar")
                && !stopped.contains("which NeuralGLM loaded at run time"), stopped);
        // a float32 network with a 64-unit layer: its float products on the Vector API, loaded the same way
        final List<String> f32 = new java.util.ArrayList<>(List.of(wideOptions));
        f32.addAll(List.of("-precision", "float32"));
        final String float32 = java(f32.toArray(new String[0]));
        final String f32Line = float32.lines().filter(l -> l.startsWith("Kernels:")).findFirst().orElse(null);
        assertTrue(float32.contains("training passes and predictions in float32") && f32Line != null
                && f32Line.contains("module jdk.incubator.vector, which NeuralGLM loaded at run time"), float32);
        for (String[] narrow : new String[][] {{"-hidden", "16", "-epochs", "3"}, {"-hidden", "16", "-epochs", "3",
                "-precision", "float32"}, {}}) {
            final java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("weka.Run", "NeuralGLM", "-t",
                    train.toString(), "-no-cv", "-family", "Poisson"));
            args.addAll(java.util.List.of(narrow));
            final String out = java(args.toArray(new String[0]));
            assertTrue(out.contains("NeuralGLM: neural network") && out.lines().noneMatch(l -> l.startsWith("Kernels:")
                    || l.contains("add-modules") || l.contains("jdk.incubator.vector")), String.join(" ", narrow) + "\n" + out);
        }
    }

    @Test
    void explorerClassDiscoveryListsNeuralGLM() throws Exception {
        final Path program = dir.resolve("Discover.java");
        Files.writeString(program, String.join("\n",
                "import weka.core.*;",
                "import weka.gui.GenericObjectEditor;",
                "public class Discover {",
                "  public static void main(String[] a) throws Exception {",
                "    WekaPackageManager.loadPackages(false, false, true);",
                "    GenericObjectEditor.determineClasses();",
                "    System.out.println(\"classifiers: \" + PluginManager.getPluginNamesOfType(\"weka.classifiers.Classifier\"));",
                "    System.out.println(\"families: \" + PluginManager.getPluginNamesOfType(\"weka.classifiers.functions.neuralglm.FamilySpec\"));",
                "    System.out.println(\"optimizers: \" + PluginManager.getPluginNamesOfType(\"weka.classifiers.functions.neuralglm.OptimizerSpec\"));",
                "    Object o = WekaPackageClassLoaderManager.objectForName(\"weka.classifiers.functions.NeuralGLM\");",
                "    System.out.println(\"loader: \" + o.getClass().getClassLoader().getClass().getName());",
                "    System.out.println(\"run match: \" + weka.Run.findSchemeMatch(\"NeuralGLM\", false));",
                "    java.util.ArrayList<Attribute> atts = new java.util.ArrayList<>();",
                "    atts.add(new Attribute(\"x\"));",
                "    Instances d = new Instances(\"d\", atts, 1);",
                "    d.add(new DenseInstance(1.0, new double[] {2.5}));",
                "    java.lang.reflect.Method of = WekaPackageClassLoaderManager.forName(",
                "        \"weka.classifiers.functions.neuralglm.DenseValues\").getDeclaredMethod(\"of\", Instances.class);",
                "    of.setAccessible(true);",
                "    double[][] arrays = (double[][]) of.invoke(null, d);",
                "    System.out.println(\"dense values read in place: \" + (arrays != null && arrays[0][0] == 2.5));",
                "    GenericObjectEditor.registerEditors();",
                "    for (String spec : new String[] {\"FamilySpec\", \"OptimizerSpec\"}) {",
                "      Class<?> c = WekaPackageClassLoaderManager.forName(\"weka.classifiers.functions.neuralglm.\" + spec);",
                "      System.out.println(spec + \" editor: \" + java.beans.PropertyEditorManager.findEditor(c).getClass().getName());",
                "    }",
                "  }",
                "}"));
        final String out = java(program.toString());
        assertTrue(Pattern.compile("classifiers: \\[.*weka\\.classifiers\\.functions\\.NeuralGLM[,\\]]").matcher(out).find(), out);
        assertTrue(out.contains("weka.classifiers.functions.neuralglm.Poisson"), out);
        assertTrue(out.contains("weka.classifiers.functions.neuralglm.Tweedie"), out);
        assertTrue(out.contains("weka.classifiers.functions.neuralglm.LBFGS"), out);
        assertTrue(out.contains("loader: weka.core.WekaPackageLibIsolatingClassLoader"), out);
        assertTrue(out.contains("run match: [weka.classifiers.functions.NeuralGLM]"), out);
        // the package's class loader may read DenseInstance's value arrays in place (a private-lookup VarHandle)
        assertTrue(out.contains("dense values read in place: true"), out);
        assertTrue(out.contains("FamilySpec editor: weka.gui.GenericObjectEditor"), out);
        assertTrue(out.contains("OptimizerSpec editor: weka.gui.GenericObjectEditor"), out);
    }

    /**
     * Weka's default JVM with the run-time loading turned off trains a 64-unit network through the row pass (masked row
     * kernels, gradients set instead of zeroed and added), and with it (the default) on the Vector API's row kernels of
     * the module it loaded; this test's JVM, started with the module, on those kernels from the start. The three give
     * the same bits: the models saved by a 5-epoch mini-batch build in each child JVM predict exactly what the same
     * build here predicts, on the same ARFF file. So too in float32, through the float column pass: its plain loops in
     * the first JVM, the Vector API's float kernels in the others (in the child that loads the module, once their own
     * warm-up has compiled them: a build may switch in the middle).
     */
    @ParameterizedTest
    @ValueSource(strings = {"float64", "float32"})
    void defaultJvmTrainsTheSameBitsAsTheVectorKernels(String precision) throws Exception {
        assertTrue(neuralglm.linalg.Kernels.vectorised(), "this JVM must run the Vector API kernels for the comparison");
        final Path train = arff("rows-train-" + precision, FamilyData.of("Poisson", 300, 37));
        final String[] options = {"-family", "Poisson", "-hidden", "64,64", "-activation", "ReLU", "-optimizer",
            "SGD -lr 0.01 -momentum 0.9", "-mini-batch-size", "64", "-epochs", "5", "-weight-decay", "0",
            "-validation-fraction", "0", "-precision", precision};
        final Instances data;
        try (java.io.Reader r = Files.newBufferedReader(train)) {
            data = new Instances(r);
        }
        data.setClassIndex(data.numAttributes() - 1);
        final NeuralGLM here = new NeuralGLM();
        here.setOptions(options.clone());
        here.buildClassifier(data);
        for (String load : new String[] {"false", "true"}) {
            final Path model = dir.resolve("rows-" + precision + "-" + load + ".model");
            final List<String> args = new java.util.ArrayList<>(List.of("-Dneuralglm.loadVectorModule=" + load,
                    "weka.Run", "NeuralGLM", "-t", train.toString(), "-no-cv", "-d", model.toString()));
            args.addAll(List.of(options));
            final String out = java(args.toArray(new String[0]));
            assertEquals(load.equals("true"), out.contains("which NeuralGLM loaded at run time"), out);
            final weka.classifiers.Classifier child = (weka.classifiers.Classifier) weka.core.SerializationHelper.read(
                    model.toString());
            double spread = 0;
            for (int i = 0; i < data.numInstances(); i++) {
                final double want = here.classifyInstance(data.instance(i)), got = child.classifyInstance(data.instance(i));
                assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got), "loading " + load + ", instance "
                        + i + ": " + want + " " + got);
                spread = Math.max(spread, Math.abs(want - here.classifyInstance(data.instance(0))));
            }
            assertTrue(spread > 0.1, "a fitted model, not a constant: " + spread);
        }
    }

    /**
     * Batch prediction of a 64-unit network: Weka's default JVM runs each block through the plain-Java row kernels
     * (masked rows, the ReLU in the last pass), a JVM with the Vector API module through its row kernels in registers;
     * the same saved model's {@code distributionsForInstances} give the same bits in both (BatchPredictionBits in each
     * JVM), and vary across the instances.
     */
    @Test
    void defaultJvmPredictsTheSameBitsAsTheVectorKernels() throws Exception {
        final Path train = arff("predict-train", FamilyData.of("Poisson", 600, 41));
        final Path model = dir.resolve("predict.model");
        java("weka.Run", "NeuralGLM", "-t", train.toString(), "-no-cv", "-d", model.toString(), "-family", "Poisson",
                "-hidden", "64,64", "-activation", "ReLU", "-optimizer", "Adam -lr 0.01", "-mini-batch-size", "64",
                "-epochs", "3", "-weight-decay", "0", "-validation-fraction", "0");
        // the child's main alone on the class path (the test classes would put classes that need the package's on it)
        final String main = neuralglm.testutil.BatchPredictionBits.class.getName();
        final Path classes = dir.resolve("bits-main"), file = classes.resolve(main.replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        try (java.io.InputStream in = neuralglm.testutil.BatchPredictionBits.class.getResourceAsStream(
                "BatchPredictionBits.class")) {
            Files.write(file, in.readAllBytes());
        }
        final String cp = installed.wekaClasspath + java.io.File.pathSeparator + classes;
        final List<String> plain = bits(installed.javaWithClasspath(cp, main, model.toString(), train.toString()));
        final List<String> vector = bits(installed.javaWithClasspath(cp, "--add-modules", "jdk.incubator.vector",
                "-Dneuralglm.noVectorWarmUp=true", main, model.toString(), train.toString()));
        assertEquals(600, plain.size());
        assertEquals(plain, vector);
        assertTrue(plain.stream().distinct().count() > 100, "predictions vary: " + plain.subList(0, 5));
    }

    private static List<String> bits(String out) {
        return out.lines().filter(l -> l.startsWith("bits ")).collect(Collectors.toList());
    }

    @Test
    void savedModelReloadsInAnotherJvmWithIdenticalPredictions() throws Exception {
        final Path train = arff("gamma-train", FamilyData.of("Gamma", 200, 35));
        final Path test = arff("gamma-test", FamilyData.of("Gamma", 50, 36));
        final Path model = dir.resolve("gamma.model");
        final String csv = "weka.classifiers.evaluation.output.prediction.CSV -decimals 16";
        final String first = java("weka.Run", "NeuralGLM", "-t", train.toString(), "-T", test.toString(),
                "-d", model.toString(), "-hidden", "6", "-epochs", "60",
                "-family", "Gamma -link log", "-optimizer", "Adam -lr 0.01", "-mini-batch-size", "32", "-classifications", csv);
        assertTrue(Files.size(model) > 0);
        final String second = java("weka.Run", "NeuralGLM", "-l", model.toString(), "-T", test.toString(),
                "-classifications", csv);
        final List<String> p1 = predictions(first), p2 = predictions(second);
        assertEquals(50, p1.size(), first);
        assertEquals(p1, p2);
    }

    /** The CSV prediction rows: "inst#,actual,predicted,error". */
    private static List<String> predictions(String out) {
        return out.lines().filter(l -> l.matches("\\d+,[-0-9.E]+,[-0-9.E]+,[-0-9.E]+")).collect(Collectors.toList());
    }
}
