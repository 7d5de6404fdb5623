package neuralglm.spark;

import neuralglm.model.TabularModel;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * the {@link TabularModel} (Java serialization; it loads without Spark).
 * <pre>
 *   --input PATH  --features a,b,c  --label y  [--weight w]  --family Poisson [--family-parameter p] [--canonical]
 *   [--hidden 16,8] [--activation ReLU] [--optimizer adam|sgd|lbfgs] [--lr 0.001] [--epochs 100]
 *   [--batch-size 0] [--seed 1] [--partitions 0] [--no-standardize] [--save model.bin] [--master local[*]]
 * </pre>
 * Without a master from spark-submit or {@code --master}, it runs in {@code local[*]}.
 */
public final class SparkTrain {

    private static final Set<String> FLAGS = Set.of("--canonical", "--no-standardize");

    private SparkTrain() {
    }

    /**
     * @param args the options above
     * @throws IOException when the model cannot be saved
     */
    public static void main(String[] args) throws IOException {
        final Map<String, String> o = parse(args);
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
                .withProgress(10, (epoch, nll) -> System.out.printf(Locale.ROOT, "epoch %d: mean NLL %.10g%n", epoch + 1, nll));
        final SparkSession.Builder builder = SparkSession.builder().appName("neuralGLM");
        if (o.containsKey("--master")) {
            builder.master(o.get("--master"));
        } else if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        final SparkSession spark = builder.getOrCreate();
        try {
            final long start = System.nanoTime();
            final TabularModel model = trainer.fit(Tables.read(spark, required(o, "--input")));
            final TrainingResult r = model.result();
            System.out.printf(Locale.ROOT, "trained in %.1f s: %d epochs, final mean NLL %.10g, converged %s%n",
                    (System.nanoTime() - start) / 1e9, r.epochs(), r.finalLoss(), r.converged());
            printCoefficients(model);
            if (model.dispersionSums() != null) {
                System.out.println("dispersion: " + neuralglm.dist.FittedDispersion.fromSums(
                        neuralglm.dist.FittedDispersion.Estimate.PEARSON, family, model.dispersionSums()).describe());
            }
            if (o.containsKey("--save")) {
                try (OutputStream f = Files.newOutputStream(Path.of(o.get("--save")));
                     ObjectOutputStream out = new ObjectOutputStream(f)) {
                    out.writeObject(model);
                }
                System.out.println("saved " + o.get("--save"));
            }
        } finally {
            spark.stop();
        }
    }

    /** For a GLM (no hidden layer): eta = b + sum_j W_j z_j on the standardised inputs z. */
    private static void printCoefficients(TabularModel model) {
        final String[] names = model.encoder().inputNames();
        if (model.network().layers().size() != 1) {
            System.out.println("inputs: " + Arrays.toString(names));
            return;
        }
        final neuralglm.nn.Linear out = (neuralglm.nn.Linear) model.network().layers().get(0);
        final double[] w = out.weight().value().data, b = out.bias().value().data;
        for (int r = 0; r < b.length; r++) {
            final String cls = model.label().classes() == null || b.length == 1 ? "" : " (" + model.label().classes()[r] + ")";
            System.out.printf(Locale.ROOT, "eta%s = %.6f", cls, b[r]);
            for (int j = 0; j < names.length; j++) {
                System.out.printf(Locale.ROOT, " %+.6f*z[%s]", w[r * names.length + j], names[j]);
            }
            System.out.println();
        }
        System.out.println("(z = standardised inputs: (x - m) / s, with m, s the weighted training moments)");
    }

    private static Map<String, String> parse(String[] args) {
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

    private static String required(Map<String, String> o, String key) {
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
