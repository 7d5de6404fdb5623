package neuralglm.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import neuralglm.family.Families;
import neuralglm.family.Family;
import neuralglm.family.GaussianFamily;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.evaluation.NumericPrediction;
import weka.classifiers.evaluation.Prediction;
import weka.classifiers.functions.LinearRegression;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.MultilayerPerceptron;
import weka.classifiers.functions.NeuralGLM;
import weka.classifiers.trees.RandomForest;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.converters.ConverterUtils.DataSource;

/**
 * Held-out comparison (issue 11): 10-fold cross-validation ({@code Evaluation.crossValidateModel},
 * {@code new Random(1)}, class = last attribute) of NeuralGLM with its defaults, NeuralGLM
 * {@code -hidden none}, MultilayerPerceptron, Logistic (nominal class) or LinearRegression (numeric
 * class) and RandomForest, all with their default options, on every classification and regression set
 * of {@code ../shared/data/weka} ({@code --data DIR}) and the count / positive-valued sets in
 * {@code src/bench/resources/heldout/*.arff} (each with its source in its header; run from the project root).
 * <pre>
 *   nominal class: accuracy, mean log loss in nats = SFMeanSchemeEntropy * ln 2
 *   numeric class: RMSE, mean unit deviance of the set's family (Gaussian: the squared error; Poisson and
 *                  Gamma: predictions &lt;= 0 of other learners are clamped to 1e-6 and counted)
 *   time:          CPU time of the thread over the 10 folds (build + prediction), as a ratio to
 *                  MultilayerPerceptron's on the same set (a ratio, since the machine is shared)
 * </pre>
 * Options: {@code --sets a,b} (file names without .arff), {@code --nglm "opts1;opts2"} NeuralGLM variants
 * (default {@code ";-hidden none"}: the defaults and the GLM), {@code --baselines mlp,linear,rf} or
 * {@code none}, {@code --folds 10}, {@code --markdown} (a markdown table at the end). The study of the
 * defaults runs this with {@code --nglm} set to the candidate option strings.
 */
final class HeldoutBench {

    /** A data set: file, the family its numeric class is modelled with, NeuralGLM options for that family. */
    private record DataSet(String name, String family, String familyOption) {
    }

    /** One learner's results on one set. */
    static final class Row {
        String set;
        String learner;
        boolean nominal;
        double accuracy;
        double logLoss;
        double rmse;
        double deviance;
        int clamped;
        double cpuSeconds;
        double ratio = Double.NaN;
    }

    private static final List<DataSet> SETS = List.of(
            new DataSet("breast-cancer", null, ""), new DataSet("contact-lenses", null, ""),
            new DataSet("credit-g", null, ""), new DataSet("diabetes", null, ""), new DataSet("glass", null, ""),
            new DataSet("ionosphere", null, ""), new DataSet("iris", null, ""), new DataSet("labor", null, ""),
            new DataSet("segment-challenge", null, ""), new DataSet("soybean", null, ""), new DataSet("vote", null, ""),
            new DataSet("weather.nominal", null, ""), new DataSet("weather.numeric", null, ""),
            new DataSet("cpu", "Gaussian", ""), new DataSet("cpu.with.vendor", "Gaussian", ""),
            new DataSet("res:docvisits", "Poisson", "-family Poisson"),
            new DataSet("res:engel", "Gamma", "-family Gamma"), new DataSet("res:strikes", "Gamma", "-family Gamma"));

    private HeldoutBench() {
    }

    static void run(BenchArgs a) throws Exception {
        final File dir = new File(a.string("data", "../shared/data/weka"));
        final List<String> only = a.list("sets", null);
        final List<String> variants = List.of(a.string("nglm", ";-hidden none").split(";", -1));
        final List<String> baselines = a.list("baselines", List.of("mlp", "linear", "rf"));
        final int folds = a.integer("folds", 10);
        final List<Row> rows = new ArrayList<>();
        for (DataSet s : SETS) {
            final String shortName = s.name().startsWith("res:") ? s.name().substring(4) : s.name();
            if (only != null && !only.contains(shortName)) {
                continue;
            }
            final Instances data = load(dir, s.name());
            data.setClassIndex(data.numAttributes() - 1);
            final Map<String, Classifier> learners = new LinkedHashMap<>();
            for (String v : variants) {
                final NeuralGLM g = new NeuralGLM();
                final String opts = (s.familyOption() + " " + v).trim();
                g.setOptions(Utils.splitOptions(opts));
                learners.put("NeuralGLM " + (v.isBlank() ? "defaults" : v.trim()), g);
            }
            if (baselines.contains("mlp")) {
                learners.put("MultilayerPerceptron", new MultilayerPerceptron());
            }
            if (baselines.contains("linear")) {
                learners.put(data.classAttribute().isNominal() ? "Logistic" : "LinearRegression",
                        data.classAttribute().isNominal() ? new Logistic() : new LinearRegression());
            }
            if (baselines.contains("rf")) {
                learners.put("RandomForest", new RandomForest());
            }
            final List<Row> setRows = new ArrayList<>();
            for (Map.Entry<String, Classifier> l : learners.entrySet()) {
                final Row r = evaluate(shortName, l.getKey(), l.getValue(), data, folds,
                        s.family() == null ? null : Families.byName(s.family(), 0, false));
                setRows.add(r);
                System.out.println(line(r));
                System.out.flush();
            }
            setRows.stream().filter(r -> r.learner.equals("MultilayerPerceptron")).findFirst()
                    .ifPresent(mlp -> setRows.forEach(r -> r.ratio = r.cpuSeconds / mlp.cpuSeconds));
            rows.addAll(setRows);
        }
        if (a.flag("markdown")) {
            System.out.println();
            System.out.print(markdown(rows));
        }
    }

    private static Instances load(File dir, String name) throws Exception {
        if (name.startsWith("res:")) {
            final File f = new File("src/bench/resources/heldout", name.substring(4) + ".arff");
            if (!f.isFile()) {
                throw new IllegalStateException("Missing bench data set " + f + " (run from the project root)");
            }
            return new DataSource(f.getPath()).getDataSet();
        }
        final File f = new File(dir, name + ".arff");
        if (!f.isFile()) {
            throw new IllegalStateException("Missing data set " + f + " (use --data DIR)");
        }
        return new DataSource(f.getPath()).getDataSet();
    }

    static Row evaluate(String set, String learner, Classifier c, Instances data, int folds, Family family)
            throws Exception {
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        final Evaluation ev = new Evaluation(data);
        final Classifier copy = AbstractClassifier.makeCopy(c);
        final long t0 = mx.getCurrentThreadCpuTime();
        ev.crossValidateModel(copy, data, folds, new Random(1));
        final Row r = new Row();
        r.cpuSeconds = (mx.getCurrentThreadCpuTime() - t0) * 1e-9;
        r.set = set;
        r.learner = learner;
        r.nominal = data.classAttribute().isNominal();
        if (r.nominal) {
            r.accuracy = ev.pctCorrect() / 100;
            r.logLoss = ev.SFMeanSchemeEntropy() * Math.log(2);
        } else {
            r.rmse = ev.rootMeanSquaredError();
            double sum = 0, w = 0;
            for (Prediction p : ev.predictions()) {
                final NumericPrediction np = (NumericPrediction) p;
                double mu = np.predicted();
                if (Utils.isMissingValue(mu) || Utils.isMissingValue(np.actual())) {
                    continue;
                }
                if (!(family instanceof GaussianFamily) && mu <= 1e-6) {
                    mu = 1e-6;
                    r.clamped++;
                }
                sum += np.weight() * family.unitDeviance(np.actual(), mu);
                w += np.weight();
            }
            r.deviance = sum / w;
        }
        return r;
    }

    private static String line(Row r) {
        return r.nominal
                ? String.format(Locale.ROOT, "%-18s %-55s acc %.3f  logloss %.4f  cpu %.2f s", r.set, r.learner,
                r.accuracy, r.logLoss, r.cpuSeconds)
                : String.format(Locale.ROOT, "%-18s %-55s rmse %.4g  deviance %.4g%s  cpu %.2f s", r.set, r.learner,
                r.rmse, r.deviance, r.clamped > 0 ? " (" + r.clamped + " clamped)" : "", r.cpuSeconds);
    }

    static String markdown(List<Row> rows) {
        final StringBuilder sb = new StringBuilder();
        sb.append("| data set | learner | accuracy | log loss (nats) | RMSE | mean deviance | CPU time / MLP's |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |\n", r.set, r.learner,
                    r.nominal ? String.format(Locale.ROOT, "%.3f", r.accuracy) : "",
                    r.nominal ? String.format(Locale.ROOT, "%.3f", r.logLoss) : "",
                    r.nominal ? "" : String.format(Locale.ROOT, "%.4g", r.rmse),
                    r.nominal ? "" : String.format(Locale.ROOT, "%.4g", r.deviance)
                            + (r.clamped > 0 ? " (" + r.clamped + " clamped)" : ""),
                    Double.isNaN(r.ratio) ? "" : String.format(Locale.ROOT, "%.2f", r.ratio)));
        }
        return sb.toString();
    }
}
