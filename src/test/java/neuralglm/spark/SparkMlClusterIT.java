package neuralglm.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cut-down {@code scripts/spark_cluster.sh ml} in the suite ({@link SparkMlClusterCheck}'s checks): the Spark ML face
 * with executors in JVMs of their own, in Spark's {@code local-cluster[2,1,1024]} (a standalone master and two workers
 * in this JVM, each worker launching an executor JVM; the script starts master and workers as JVMs too), the engine
 * and the check shipped to the executors as jars ({@code spark.jars}, what {@code --jars} sets). On the cluster: two
 * executors whose process ids are not this JVM's; a Pipeline (StringIndexer, OneHotEncoder, VectorAssembler, a Poisson
 * GLM) whose predictions, made in the executors, equal the engine's on the driver bit for bit; the PipelineModel and
 * the model alone saved and loaded; the Poisson GLM's summary against GeneralizedLinearRegression's fitted in the same
 * cluster (1e-5). Then a second session in local[2] loads the saved models and predicts the cluster's bits, and refits
 * the same models and summaries bit for bit.
 *
 * <p>Outside the default suite: it runs only with {@code -Dspark.cluster.it=true}
 * ({@code mvn -B -o verify -Dspark.cluster.it=true -Dit.test=SparkMlClusterIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}). It took 178 s on the shared 2-core machine (load 9; the Maven run used
 * 175 s of CPU, most of it in the driver and the two executor JVMs, so over a minute even on an idle 2-core machine):
 * more than the suite can spend; {@code scripts/spark_cluster.sh ml} runs the whole check on a cluster of separate JVMs.
 */
@EnabledIfSystemProperty(named = "spark.cluster.it", matches = "true")
class SparkMlClusterIT {

    @TempDir
    static Path dir;

    private static SparkSession spark;

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** The executors' classpath: the test classpath without the project's classes (they go to the executors as jars). */
    private static String sparkClasspath(String projectJar) {
        final String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> !e.endsWith("classes") && !e.endsWith("test-classes") && !Path.of(e).equals(Path.of(projectJar)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** The check's classes (test sources) in a jar of their own, as the script ships them. */
    private static Path checkJar() throws IOException {
        final Path classes = Path.of(SparkMlClusterCheck.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        final Path jar = dir.resolve("ml-check.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.list(classes.resolve("neuralglm/spark"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("(SparkMlClusterCheck|GlrAgreement)\\b.*\\.class"))
                    .toList()) {
                out.putNextEntry(new JarEntry("neuralglm/spark/" + f.getFileName()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void theSparkMlFaceOnExecutorsInJvmsOfTheirOwnAndItsSavedModelsInLocalMode() throws Exception {
        final String home = System.getenv("SPARK_HOME");
        assertTrue(home != null && System.getenv("SPARK_SCALA_VERSION") != null, "failsafe sets SPARK_HOME and SPARK_SCALA_VERSION");
        Files.createDirectories(Path.of(home, "jars"));   // where a worker looks for Spark's jars (here: extraClassPath)
        final String jar = System.getProperty("neuralglm.jar");
        assertTrue(Files.isRegularFile(Path.of(jar)), "the packaged jar " + jar);
        spark = SparkSession.builder().master("local-cluster[2,1,1024]").appName("SparkMlClusterIT")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.jars", jar + "," + checkJar())
                .config("spark.executor.extraClassPath", sparkClasspath(jar))
                .config("spark.executor.extraJavaOptions", System.getProperty("spark.jvm.flags"))
                .config("spark.executor.memory", "1g")
                .getOrCreate();
        final Path out = dir.resolve("ml");
        final SparkMlClusterCheck fit = new SparkMlClusterCheck(spark, out).only(Set.of("executors",
                "pipeline fit and transform", "save and load", "summary vs GLR poisson", "write fitted models"));
        fit.fitJob();
        assertEquals(List.of(), fit.failed(), "checks failed on the cluster (their FAIL lines are in the output)");
        spark.stop();
        spark = SparkSession.builder().master("local[2]").appName("SparkMlClusterIT reuse")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        final SparkMlClusterCheck reuse = new SparkMlClusterCheck(spark, out).only(Set.of("load PipelineModel",
                "load model alone", "refit pipeline", "refit GLM poisson"));
        reuse.reuseJob();
        assertEquals(List.of(), reuse.failed(), "checks failed in local[2] (their FAIL lines are in the output)");
    }
}
