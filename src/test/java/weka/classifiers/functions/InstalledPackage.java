package weka.classifiers.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The built package zip installed offline by Weka's own package manager into a fresh
 * {@code WEKA_HOME} under a directory, and child JVMs to run things against it (integration tests).
 * The Weka classpath is Weka with its runtime dependencies only, so NeuralGLM and EJML can come only
 * from the installed package; Jython ({@code jython-standalone}, also a provided dependency) is kept apart.
 * Public for the Spark face's integration test ({@code neuralglm.spark.SparkModelInWekaIT}).
 */
public final class InstalledPackage {

    public final Path dir;
    public final Path home;
    /** Weka and its runtime dependencies. */
    public final String wekaClasspath;
    /** The jython-standalone jar. */
    public final String jythonJar;

    private InstalledPackage(Path dir, String wekaClasspath, String jythonJar) {
        this.dir = dir;
        this.home = dir.resolve("wekahome");
        this.wekaClasspath = wekaClasspath;
        this.jythonJar = jythonJar;
    }

    /**
     * @param dir a fresh directory for WEKA_HOME and the children's working directory
     * @return the installed package
     */
    public static InstalledPackage install(Path dir) throws Exception {
        final Path zip = Path.of(System.getProperty("neuralglm.zip"));
        assertTrue(Files.isRegularFile(zip), "package zip not built: " + zip);
        final String cp = Files.readString(Path.of(System.getProperty("weka.classpath.file"))).trim();
        // build-classpath also lists a pom (netlib's 'all'); Weka's class cache cannot read it as a jar
        final List<String> jars = Arrays.stream(cp.split(File.pathSeparator)).filter(s -> s.endsWith(".jar"))
                .collect(Collectors.toList());
        final String weka = jars.stream().filter(s -> !s.contains("jython-standalone"))
                .collect(Collectors.joining(File.pathSeparator));
        final String jython = jars.stream().filter(s -> s.contains("jython-standalone")).findFirst().orElseThrow();
        assertTrue(weka.contains("weka-stable"), weka);
        assertTrue(!weka.contains("ejml") && !weka.contains("neuralGLM"), weka);
        assertTrue(!weka.contains("spark-") && !weka.contains("scala-library"),
                "Spark's jars must stay off the Weka-only classpath (pom: weka.classpath.excludeGroupIds): " + weka);
        final InstalledPackage p = new InstalledPackage(dir, weka, jython);
        final String out = p.java("weka.core.WekaPackageManager", "-offline", "-install-package", zip.toString());
        final Path pkg = p.packageDir();
        assertTrue(Files.isRegularFile(pkg.resolve("neuralGLM.jar")), out);
        assertTrue(Files.isRegularFile(pkg.resolve("Description.props")), out);
        assertTrue(Files.isRegularFile(pkg.resolve("lib").resolve("ejml-ddense-0.44.0.jar")), out);
        final String listed = p.java("weka.core.WekaPackageManager", "-offline", "-list-packages", "installed");
        assertTrue(listed.contains("neuralGLM"), listed);
        return p;
    }

    /**
     * Python lines that load the Weka model file {@code sys.argv[1]} and the data {@code sys.argv[2]} (class
     * last) into {@code model} and {@code data}, and print the model's class name, as a bridge user does.
     */
    public static final String JYTHON_LOAD_MODEL = String.join("\n",
            "from weka.core import SerializationHelper",
            "from weka.core.converters import ConverterUtils",
            "model = SerializationHelper.read(sys.argv[1])",
            "data = ConverterUtils.DataSource.read(sys.argv[2])",
            "data.setClassIndex(data.numAttributes() - 1)",
            "print('model %s' % model.getClass().getName())",
            "");

    /**
     * Runs a Jython script in a new JVM as the README's recipe does: {@code java -cp
     * "jython-standalone.jar:$P/neuralGLM.jar:$P/lib/*:weka.jar" org.python.util.jython script args}.
     *
     * @param script the script file
     * @param args   its arguments
     * @return its output
     */
    public String jython(Path script, String... args) throws IOException, InterruptedException {
        final Path p = packageDir();
        final String classpath = String.join(File.pathSeparator, jythonJar, p.resolve("neuralGLM.jar").toString(),
                p.resolve("lib") + File.separator + "*", wekaClasspath);
        final List<String> all = new ArrayList<>(List.of("org.python.util.jython", script.toString()));
        all.addAll(List.of(args));
        return javaWithClasspath(classpath, all.toArray(new String[0]));
    }

    /** @return $WEKA_HOME/packages/neuralGLM */
    public Path packageDir() {
        return home.resolve("packages").resolve("neuralGLM");
    }

    /** Runs a main class (or a single-file program) in a new JVM with only Weka on the classpath. */
    public String java(String... args) throws IOException, InterruptedException {
        return javaWithClasspath(wekaClasspath, args);
    }

    /** Runs a main class in a new JVM with the given classpath (WEKA_HOME set to the fresh one). */
    public String javaWithClasspath(String classpath, String... args) throws IOException, InterruptedException {
        final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DWEKA_HOME=" + home, "-Djava.awt.headless=true", "-Dweka.packageManager.offline=true",
                "-cp", classpath));
        cmd.addAll(List.of(args));
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile()).start();
        final byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + cmd);
        final String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + text);
        return text;
    }
}
