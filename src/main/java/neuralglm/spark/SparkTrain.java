package neuralglm.spark;

import neuralglm.model.TabularModel;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import neuralglm.family.Families;
import neuralglm.family.Family;
import neuralglm.optim.Optimizers;
import neuralglm.optim.Optimizer;
import neuralglm.train.TrainingResult;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Command line for {@code spark-submit --class neuralglm.spark.SparkTrain neuralGLM.jar ...}: reads a
 * CSV or Parquet table, trains with {@link SparkTrainer}, prints the loss trace and optionally saves
 * the {@link TabularModel} through the Hadoop FileSystem API ({@link ModelStore}: any URI Spark can write; the
 * plain JSON of {@code neuralglm.model.ModelFile}, which loads without Spark).
 * <pre>
 *   --input PATH  --features a,b,c  --label y  [--weight w]  --family Poisson [--family-parameter p] [--canonical]
 *   [--hidden 16,8] [--activation ReLU] [--optimizer adam|sgd|lbfgs] [--lr 0.001] [--epochs 100]
 *   [--batch-size 0] [--seed 1] [--partitions 0] [--no-standardize] [--save model.json] [--master local[*]]
 *   [--schema "a DOUBLE, b STRING, y INT"] [--checkpoint ckpt.json] [--checkpoint-every 5] [--resume-from ckpt.json]
 *   [--reg-param 0] [--validation 0] [--patience 10]
 * </pre>
 * {@code --reg-param} is {@link SparkTrainer#withRegParam}'s L2 penalty on the weights; {@code --validation f} holds out
 * that share of the rows for early stopping with {@code --patience} ({@link SparkTrainer#withValidation}). An option
 * not listed here is refused (a misspelt one would otherwise be ignored).
 * Without a master from spark-submit or {@code --master}, it runs in {@code local[*]}.
 */
public final class SparkTrain {

    private static final Set<String> FLAGS = Set.of("--canonical", "--no-standardize", "--overwrite");
    private static final Set<String> OPTIONS = Set.of("--input", "--features", "--label", "--weight", "--family",
            "--family-parameter", "--canonical", "--hidden", "--activation", "--optimizer", "--lr", "--epochs",
            "--batch-size", "--seed", "--partitions", "--no-standardize", "--save", "--master", "--schema", "--checkpoint",
            "--checkpoint-every", "--resume-from", "--reg-param", "--validation", "--patience");

    private SparkTrain() {
    }

    /**
     * @param args the options above
     * @throws IOException when the model cannot be saved
     */
    public static void main(String[] args) throws IOException {
        final Map<String, String> o = parse(args);
        for (String key : o.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("Unknown option " + key + "; the options are " + new java.util.TreeSet<>(OPTIONS));
            }
        }
        final Family family = Families.byName(required(o, "--family"),
                Double.parseDouble(o.getOrDefault("--family-parameter", "1.5")), o.containsKey("--canonical"));
        final SparkTrainer trainer = new SparkTrainer(family)
                .withFeatures(required(o, "--features").split(","))
                .withLabel(required(o, "--label"))
                .withWeight(o.get("--weight"))
                .withHidden(sizes(o.getOrDefault("--hidden", "")))
                .withActivation(o.getOrDefault("--activation", "ReLU"))
                .withOptimizer(optimizer(o.getOrDefault("--optimizer", "adam"), o.get("--lr")))
                .withEpochs(Integer.parseInt(o.getOrDefault("--epochs", "100")))
                .withBatchSize(Integer.parseInt(o.getOrDefault("--batch-size", "0")))
                .withSeed(Long.parseLong(o.getOrDefault("--seed", "1")))
                .withPartitions(Integer.parseInt(o.getOrDefault("--partitions", "0")))
                .withStandardize(!o.containsKey("--no-standardize"))
                .withRegParam(Double.parseDouble(o.getOrDefault("--reg-param", "0")))
                .withValidation(Double.parseDouble(o.getOrDefault("--validation", "0")),
                        Integer.parseInt(o.getOrDefault("--patience", "10")))
                .withCheckpoint(o.get("--checkpoint"), Integer.parseInt(o.getOrDefault("--checkpoint-every", "5")))
                .withProgress(10, (epoch, nll) -> System.out.printf(Locale.ROOT, "epoch %d: mean NLL %.10g%n", epoch + 1, nll));
        System.out.println("(mean NLL: the weighted mean negative log-likelihood per row at dispersion 1, without the terms "
                + "that depend on y only, e.g. log y! for Poisson: it compares fits on the same data, it is not the full "
                + "log-likelihood)");
        if (Double.parseDouble(o.getOrDefault("--reg-param", "0")) > 0) {
            System.out.println("(with --reg-param, each epoch's figure is the objective minimised, the mean NLL plus the "
                    + "penalty lambda/2 * the squared weights; the final mean NLL has no penalty)");
        }
        final SparkSession spark = session(o.get("--master"));
        try {
            final long start = System.nanoTime();
            final SparkTrainer resumed = o.containsKey("--resume-from") ? trainer.withResumeFrom(
                    ModelStore.load(o.get("--resume-from"), spark.sparkContext().hadoopConfiguration())) : trainer;
            final TabularModel model = resumed.fit(Tables.read(spark, required(o, "--input"), o.get("--schema")));
            final TrainingResult r = model.result();
            System.out.printf(Locale.ROOT, "trained in %.1f s: %d epochs, final mean NLL %.10g, converged %s%n",
                    (System.nanoTime() - start) / 1e9, r.epochs(), r.finalLoss(), r.converged());
            printCoefficients(model);
            if (model.dispersionSums() != null) {
                System.out.println("dispersion: " + neuralglm.dist.FittedDispersion.fromSums(
                        neuralglm.dist.FittedDispersion.Estimate.PEARSON, family, model.dispersionSums()).describe());
            }
            if (o.containsKey("--save")) {
                ModelStore.save(model, o.get("--save"), spark.sparkContext().hadoopConfiguration(), true);
                System.out.println("saved " + o.get("--save"));
            }
        } finally {
            spark.stop();
        }
    }

    /**
     * @param master a master URL, or null for spark-submit's (else {@code local[*]})
     * @return the session
     */
    static SparkSession session(String master) {
        final SparkSession.Builder builder = SparkSession.builder().appName("neuralGLM");
        if (master != null) {
            builder.master(master);
        } else if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        return builder.getOrCreate();
    }

    /**
     * For a GLM (no hidden layer): the coefficients in the features' original units, each nominal feature
     * against its first category ({@link neuralglm.model.Coefficients}), to 10 significant digits.
     */
    private static void printCoefficients(TabularModel model) {
        if (model.network().layers().size() != 1) {
            System.out.println("inputs: " + Arrays.toString(model.encoder().inputNames()));
            return;
        }
        final neuralglm.model.Coefficients c = neuralglm.model.Coefficients.of(model);
        final String[] classes = model.label().classes();
        int width = 12;
        for (int j = 0; j < c.names().length; j++) {
            width = Math.max(width, label(c, j).length());
        }
        System.out.println("coefficients (original units; eta = " + model.family().link() + "(mu)):");
        for (int r = 0; r < c.values().length; r++) {
            if (c.values().length > 1) {
                System.out.println("class " + (classes == null ? Integer.toString(r) : classes[r]) + ":");
            }
            for (int j = 0; j < c.names().length; j++) {
                System.out.printf(Locale.ROOT, "  %-" + width + "s %17.10g%n", label(c, j), c.values()[r][j]);
            }
        }
    }

    private static String label(neuralglm.model.Coefficients c, int j) {
        return c.refs()[j] == null ? c.names()[j] : c.names()[j] + " (vs " + c.refs()[j] + ")";
    }

    static Map<String, String> parse(String[] args) {
        final Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected an option such as --input, got '" + args[i] + "'");
            }
            if (FLAGS.contains(args[i])) {
                o.put(args[i], "true");
            } else if (i + 1 < args.length) {
                o.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("Option " + args[i] + " needs a value");
            }
        }
        return o;
    }

    static String required(Map<String, String> o, String key) {
        final String v = o.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("Missing required option " + key);
        }
        return v;
    }

    private static int[] sizes(String text) {
        return text.isBlank() ? new int[0] : Arrays.stream(text.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }

    /**
     * @param name adam, sgd or lbfgs
     * @param lr   the learning rate, or null for the default (Adam 1e-3, SGD 0.01)
     * @return the optimiser
     */
    static Optimizer optimizer(String name, String lr) {
        return Optimizers.byName(name, lr == null ? Double.NaN : Double.parseDouble(lr));
    }
}
