package neuralglm.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import neuralglm.model.DevianceTests;
import neuralglm.model.GlmSummary;
import neuralglm.model.SequentialDevianceTests;
import weka.classifiers.functions.NeuralGLM;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * The Java half of the GLM differential fuzzer ({@code scripts/glm_fuzz.sh}; not a unit test): for every line
 * {@code id, weights, options, ...} of {@code DIR/cases.tsv} written by {@code scripts/glm_fuzz.R generate}, builds
 * NeuralGLM with those options on {@code DIR/case_ID.arff} (the class last) and writes its coefficient table
 * ({@code case_ID.j.coef.csv}: term, estimate, se, aliased) and statistics ({@code case_ID.j.stats.csv}), or the
 * error ({@code case_ID.j.error.txt}: the exception, its stack trace, or that the build took over a minute), and
 * with {@code -drop-tests} the refits without each attribute ({@code case_ID.j.drop.csv}), with {@code -anova} the
 * sequential fits ({@code case_ID.j.anova.csv}), for
 * {@code scripts/glm_fuzz.R compare} to set against R's glm.
 */
public final class GlmFuzz {

    private GlmFuzz() {
    }

    /** @param args the directory the R script generated */
    public static void main(String[] args) throws Exception {
        final Path dir = Path.of(args[0]);
        final List<String> cases = Files.readAllLines(dir.resolve("cases.tsv"), StandardCharsets.UTF_8);
        ExecutorService pool = builder();
        for (String line : cases) {
            final String[] f = line.split("\t");
            final String id = f[0], base = id.replaceAll("f$", "");
            final String[] options = Utils.splitOptions(f[2]);
            final Instances data = DataSource.read(dir.resolve("case_" + base + ".arff").toString());
            data.setClassIndex(data.numAttributes() - 1);
            Files.deleteIfExists(dir.resolve("case_" + id + ".j.error.txt"));
            Files.deleteIfExists(dir.resolve("case_" + id + ".j.coef.csv"));
            final Future<NeuralGLM> build = pool.submit(() -> {
                final NeuralGLM glm = new NeuralGLM();
                glm.setOptions(options.clone());
                glm.buildClassifier(data);
                return glm;
            });
            try {
                write(dir, id, build.get(60, TimeUnit.SECONDS));
            } catch (TimeoutException e) {
                build.cancel(true);
                Files.writeString(dir.resolve("case_" + id + ".j.error.txt"), "hang: no model after 60 s\n");
                pool.shutdownNow();
                pool = builder();
            } catch (Exception e) {
                final Throwable cause = e.getCause() == null ? e : e.getCause();
                final StringWriter trace = new StringWriter();
                cause.printStackTrace(new PrintWriter(trace));
                Files.writeString(dir.resolve("case_" + id + ".j.error.txt"), trace.toString());
            }
        }
        pool.shutdownNow();
    }

    /** One daemon thread for the builds (a new one after a build that hangs). */
    private static ExecutorService builder() {
        return Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, "glm-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    private static void write(Path dir, String id, NeuralGLM glm) throws IOException {
        final GlmSummary s = glm.getGlmSummary();
        final StringBuilder coef = new StringBuilder("term,estimate,se,aliased\n");
        final String[] terms = s.terms();
        for (int j = 0; j < s.size(); j++) {
            coef.append('"').append(terms[j]).append('"').append(',').append(num(s.estimates()[j])).append(',')
                    .append(num(s.standardErrors()[j])).append(',').append(s.aliased()[j] ? 1 : 0).append('\n');
        }
        Files.writeString(dir.resolve("case_" + id + ".j.coef.csv"), coef);
        final StringBuilder stats = new StringBuilder("key,value\n");
        stat(stats, "deviance", s.deviance());
        stat(stats, "null.deviance", s.nullDeviance());
        stat(stats, "df.residual", s.residualDf());
        stat(stats, "df.null", s.nullDf());
        stat(stats, "rank", s.rank());
        stat(stats, "dispersion", s.dispersion());
        stat(stats, "loglik", s.logLikelihood());
        stat(stats, "aic", s.aic());
        stat(stats, "pearson", s.pearsonChiSquare());
        Files.writeString(dir.resolve("case_" + id + ".j.stats.csv"), stats);
        final DevianceTests drop = glm.fittedModel().devianceTests();
        if (drop != null) {
            final StringBuilder d = new StringBuilder("name,df,deviance,aic,statistic\n");
            for (int g = 0; g < drop.size(); g++) {
                d.append('"').append(drop.names()[g]).append('"').append(',').append(num(drop.df()[g])).append(',')
                        .append(num(drop.deviances()[g])).append(',').append(num(drop.aics()[g])).append(',')
                        .append(num(drop.statistics()[g])).append('\n');
            }
            Files.writeString(dir.resolve("case_" + id + ".j.drop.csv"), d);
        }
        final SequentialDevianceTests anova = glm.fittedModel().sequentialTests();
        if (anova != null) {
            final StringBuilder a = new StringBuilder("name,residual.df,residual.deviance\n");
            for (int j = 0; j < anova.size(); j++) {
                a.append('"').append(anova.names()[j]).append('"').append(',').append(num(anova.residualDf()[j]))
                        .append(',').append(num(anova.residualDeviances()[j])).append('\n');
            }
            Files.writeString(dir.resolve("case_" + id + ".j.anova.csv"), a);
        }
    }

    private static void stat(StringBuilder out, String key, double value) {
        out.append(key).append(',').append(num(value)).append('\n');
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NA" : Double.isInfinite(v) ? (v > 0 ? "Inf" : "-Inf") : String.format(Locale.ROOT, "%.17g", v);
    }
}
