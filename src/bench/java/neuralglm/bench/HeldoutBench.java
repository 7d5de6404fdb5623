package neuralglm.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
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
import weka.core.Randomizable;
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
 * (default {@code ";-hidden none"}: the defaults and the GLM; {@code defaults} is a variant with no options, for
 * a list of one), {@code --baselines mlp,linear,rf} or
 * {@code none}, {@code --folds 10}, {@code --markdown} (a markdown table at the end). The study of the
 * defaults runs this with {@code --nglm} set to the candidate option strings.
 * <p>{@code --validation} runs instead sets that took no part in the study (statsmodels' anes96, spector, statecrime,
 * randhie (all 20190 rows), committee, cpunish, ccard, scotland, fair (Tweedie, power 1.5)), written to
 * {@code target/heldout-validation} ({@code --validation-data DIR}) by {@code scripts/cpython/statsmodels_arff.py}:
 * the defaults judged on data they were not chosen on. {@code --gaussian}: every numeric class modelled as Gaussian
 * (NeuralGLM's default family), whatever the set's family.
 * <p>{@code --seeds 1,2,3,4,5} repeats the cross-validation once per seed s (folds from {@code new Random(s)};
 * with {@code --learner-seeds} also each Randomizable learner's own seed set to s: NeuralGLM's {@code -S},
 * MultilayerPerceptron's and RandomForest's) and prints each metric as mean +/- sd over the repetitions
 * (sd with divisor r - 1), so a gap between two learners can be told from the noise of one partition.
 * {@code --per-seed} also prints each learner's metrics at every seed (to pair two runs, e.g. two builds).
 * <p>{@code --subsample 50,80,120} runs the cross-validation on stratified subsamples of that many rows of each set
 * (sets with fewer rows are skipped for that size), one per {@code --subsample-seeds} (default 1,2,3), named
 * {@code set/n50s1}, and ends with each learner's mean over the subsamples of each set and size and over all of
 * them: a rule for small data sets is judged on more than the few small sets of the examples.
 * <p>{@code --warmup N} (default 0) runs each learner's cross-validation N times untimed before the timed one, so
 * that the CPU times compare learners whose code the JIT has compiled (at 0 the first learner to use a code path
 * pays for compiling it: on the small numeric sets a build takes 0.002-0.1 s, as long as the compilation).
 * <p>{@code --repeat N} (with {@code --baselines mlp}, the default's first baseline) times instead of the table: after
 * the {@code --warmup} runs of every learner, N rounds, each timing one cross-validation of every NeuralGLM variant and
 * of MultilayerPerceptron back to back (thread CPU time), in the order given in even rounds and reversed in odd ones,
 * so that a drift of the machine's load falls on both sides alike; per variant it prints the median, min and max over
 * the rounds of the ratio of its CPU time to MultilayerPerceptron's in the same round, the median CPU times, the
 * metrics of its first run, and the 1-minute load average before and after. A single 10-fold run on a shared machine
 * cannot tell changes under some 15% apart; the median of 15 alternated rounds can.
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
        /** Over --seeds repetitions: the standard deviations of accuracy, log loss, RMSE, deviance; 0 for one. */
        double sdAccuracy;
        double sdLogLoss;
        double sdRmse;
        double sdDeviance;
        int repetitions = 1;
        /** The main metric (accuracy, or RMSE for a numeric class) of each repetition. */
        double[] perSeed;
        /** The second metric (log loss, or mean deviance for a numeric class) of each repetition. */
        double[] perSeedSecond;
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

    /**
     * Sets that took no part in choosing the defaults ({@code --validation}): statsmodels' CSVs as written by
     * {@code scripts/cpython/statsmodels_arff.py} to {@code target/heldout-validation} ({@code --validation-data DIR}).
     */
    private static final List<DataSet> VALIDATION_SETS = List.of(
            new DataSet("val:anes96", null, ""), new DataSet("val:spector", null, ""),
            new DataSet("val:statecrime", "Gaussian", ""), new DataSet("val:longley", "Gaussian", ""),
            new DataSet("val:stackloss", "Gaussian", ""), new DataSet("val:copper", "Gaussian", ""),
            new DataSet("val:randhie", "Poisson", "-family Poisson"),
            new DataSet("val:committee", "Poisson", "-family Poisson"),
            new DataSet("val:cpunish", "Poisson", "-family Poisson"),
            new DataSet("val:ccard", "Gamma", "-family Gamma"), new DataSet("val:scotland", "Gamma", "-family Gamma"),
            new DataSet("val:fair", "Tweedie", "-family \"Tweedie -power 1.5\""));

    private HeldoutBench() {
    }

    static void run(BenchArgs a) throws Exception {
        final File dir = new File(a.string("data", "../shared/data/weka"));
        final List<String> only = a.list("sets", null);
        final List<String> variants = List.of(a.string("nglm", ";-hidden none").split(";", -1));
        final List<String> baselines = a.list("baselines", List.of("mlp", "linear", "rf"));
        final int folds = a.integer("folds", 10);
        final List<Long> seeds = a.list("seeds", List.of("1")).stream().map(String::trim).map(Long::parseLong).toList();
        final boolean learnerSeeds = a.flag("learner-seeds");
        final boolean perSeed = a.flag("per-seed");
        final int warmup = a.integer("warmup", 0);
        final List<String> subsample = a.list("subsample", null);
        final List<Long> subsampleSeeds = a.list("subsample-seeds", List.of("1", "2", "3")).stream().map(String::trim)
                .map(Long::parseLong).toList();
        final int repeat = a.integer("repeat", 0);
        validationDir = new File(a.string("validation-data", "target/heldout-validation"));
        gaussian = a.flag("gaussian");
        final List<Row> rows = new ArrayList<>();
        for (DataSet s : a.flag("validation") ? VALIDATION_SETS : SETS) {
            final String shortName = s.name().replaceFirst("^(res|val):", "");
            if (only != null && !only.contains(shortName)) {
                continue;
            }
            final Instances full = load(dir, s.name());
            full.setClassIndex(full.numAttributes() - 1);
            final List<Map.Entry<String, Instances>> parts = new ArrayList<>();
            if (subsample == null) {
                parts.add(Map.entry(shortName, full));
            } else {
                for (String size : subsample) {
                    final int m = Integer.parseInt(size.trim());
                    if (m >= full.numInstances()) {
                        continue;
                    }
                    for (Long ss : subsampleSeeds) {
                        parts.add(Map.entry(shortName + "/n" + m + "s" + ss, stratifiedSubsample(full, m, ss)));
                    }
                }
            }
            for (Map.Entry<String, Instances> part : parts) {
                final String setName = part.getKey();
                final Instances data = part.getValue();
                final Map<String, Classifier> learners = new LinkedHashMap<>();
                for (String given : variants) {
                    final String v = given.trim().equals("defaults") ? "" : given;
                    final NeuralGLM g = new NeuralGLM();
                    final String opts = ((gaussian ? "" : s.familyOption()) + " " + v).trim();
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
                if (repeat > 0) {
                    final Family fam = familyOf(s);
                    System.out.print(alternated(setName, learners, data, folds, fam, seeds.get(0), warmup, repeat));
                    System.out.flush();
                    continue;
                }
                final List<Row> setRows = new ArrayList<>();
                for (Map.Entry<String, Classifier> l : learners.entrySet()) {
                    final Family fam = familyOf(s);
                    for (int i = 0; i < warmup; i++) {
                        evaluate(setName, l.getKey(), l.getValue(), data, folds, fam, seeds.get(0));
                    }
                    final Row r = seeds.size() == 1 && !learnerSeeds
                            ? evaluate(setName, l.getKey(), l.getValue(), data, folds, fam, seeds.get(0))
                            : repeated(setName, l.getKey(), l.getValue(), data, folds, fam, seeds, learnerSeeds);
                    setRows.add(r);
                    System.out.println(line(r));
                    if (perSeed && r.perSeed != null) {
                        System.out.println(perSeedLine(r));
                    }
                    System.out.flush();
                }
                if (setRows.get(0).perSeed != null) {
                    System.out.print(paired(setRows));
                }
                setRows.stream().filter(r -> r.learner.equals("MultilayerPerceptron")).findFirst()
                        .ifPresent(mlp -> setRows.forEach(r -> r.ratio = r.cpuSeconds / mlp.cpuSeconds));
                rows.addAll(setRows);
            }
        }
        if (subsample != null) {
            System.out.println();
            System.out.print(subsampleSummary(rows));
        }
        if (a.flag("markdown")) {
            System.out.println();
            System.out.print(markdown(rows));
        }
    }

    /**
     * The alternated timing of {@code --repeat}: {@code warmup} untimed cross-validations of every learner, then
     * {@code rounds} rounds, each one timed cross-validation of every learner, in the map's order in even rounds and
     * reversed in odd ones.
     *
     * @param learners NeuralGLM variants and "MultilayerPerceptron", the reference of the ratios
     * @return one line per learner other than the reference: the ratio of its CPU time to the reference's in the same
     *         round (median, min, max over the rounds), the median CPU times, its first run's metrics, the load average
     */
    static String alternated(String set, Map<String, Classifier> learners, Instances data, int folds, Family family,
                             long seed, int warmup, int rounds) throws Exception {
        final String ref = "MultilayerPerceptron";
        if (!learners.containsKey(ref)) {
            throw new IllegalArgumentException("--repeat times against MultilayerPerceptron: keep mlp in --baselines");
        }
        final List<String> names = new ArrayList<>(learners.keySet());
        final Map<String, Row> first = new LinkedHashMap<>();
        for (String name : names) {
            for (int i = 0; i < warmup; i++) {
                evaluate(set, name, learners.get(name), data, folds, family, seed);
            }
        }
        final double loadBefore = loadAverage();
        final Map<String, double[]> cpu = new LinkedHashMap<>();
        names.forEach(name -> cpu.put(name, new double[rounds]));
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < names.size(); j++) {
                final String name = names.get(r % 2 == 0 ? j : names.size() - 1 - j);
                final Row row = evaluate(set, name, learners.get(name), data, folds, family, seed);
                cpu.get(name)[r] = row.cpuSeconds;
                first.putIfAbsent(name, row);
            }
        }
        final double loadAfter = loadAverage();
        final StringBuilder sb = new StringBuilder();
        final double[] refCpu = cpu.get(ref);
        for (String name : names) {
            if (name.equals(ref)) {
                continue;
            }
            final double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = cpu.get(name)[r] / refCpu[r];
            }
            final Row f = first.get(name);
            sb.append(String.format(Locale.ROOT, "%-18s %-40s CPU time / MLP's over %d alternated rounds: median %.3f "
                            + "(min %.3f, max %.3f); median cpu %.4f s vs %.4f s; %s; load %.2f -> %.2f%n", set, name,
                    rounds, median(ratio), min(ratio), max(ratio), median(cpu.get(name)), median(refCpu),
                    f.nominal ? String.format(Locale.ROOT, "acc %.3f logloss %.4f", f.accuracy, f.logLoss)
                            : String.format(Locale.ROOT, "rmse %.4g deviance %.4g", f.rmse, f.deviance),
                    loadBefore, loadAfter));
        }
        return sb.toString();
    }

    /** @return the 1-minute system load average (negative where the platform has none) */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** @return the median (the mean of the two middle values for an even count) */
    static double median(double[] v) {
        final double[] s = v.clone();
        Arrays.sort(s);
        final int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /**
     * A stratified subsample: within each class value, a shuffle with {@code new Random(seed)} (one generator over
     * the classes in turn), and the first {@code round(m * n_c / n)} rows of class c (largest remainders first,
     * so the sizes add up to m); the rows keep their order in the data.
     *
     * @param data instances with a nominal class
     * @param m    the number of rows to keep, &lt; n
     * @param seed the seed of the shuffle
     * @return a copy with m rows
     */
    static Instances stratifiedSubsample(Instances data, int m, long seed) {
        final int n = data.numInstances(), k = data.classAttribute().isNominal() ? data.numClasses() : 1;
        final List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            final double v = data.instance(i).classValue();
            byClass.get(k == 1 || Double.isNaN(v) ? 0 : (int) v).add(i);
        }
        final int[] take = new int[k];
        final double[] remainder = new double[k];
        int total = 0;
        for (int c = 0; c < k; c++) {
            final double exact = (double) m * byClass.get(c).size() / n;
            take[c] = (int) Math.floor(exact);
            remainder[c] = exact - take[c];
            total += take[c];
        }
        while (total < m) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (remainder[c] > remainder[best]) {
                    best = c;
                }
            }
            take[best]++;
            remainder[best] = -1;
            total++;
        }
        final Random rng = new Random(seed);
        final boolean[] keep = new boolean[n];
        for (int c = 0; c < k; c++) {
            final List<Integer> rows = byClass.get(c);
            java.util.Collections.shuffle(rows, rng);
            for (int i = 0; i < take[c]; i++) {
                keep[rows.get(i)] = true;
            }
        }
        final Instances out = new Instances(data, m);
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                out.add(data.instance(i));
            }
        }
        return out;
    }

    /**
     * @return per data set and subsample size (and over all subsamples), each learner's mean accuracy and log loss
     *         over the subsample seeds, and how often NeuralGLM's first variant met the goal against Logistic and
     *         MultilayerPerceptron on the subsamples
     */
    static String subsampleSummary(List<Row> rows) {
        final Map<String, Map<String, double[]>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            if (!r.nominal) {
                continue;
            }
            final String group = r.set.substring(0, r.set.lastIndexOf('s'));
            for (String g : List.of(group, "all subsamples")) {
                final double[] acc = groups.computeIfAbsent(g, key -> new LinkedHashMap<>())
                        .computeIfAbsent(r.learner, key -> new double[3]);
                acc[0] += r.accuracy;
                acc[1] += r.logLoss;
                acc[2]++;
            }
        }
        final StringBuilder sb = new StringBuilder("Subsamples: mean accuracy, mean log loss over the subsamples\n");
        for (Map.Entry<String, Map<String, double[]>> g : groups.entrySet()) {
            for (Map.Entry<String, double[]> l : g.getValue().entrySet()) {
                final double[] v = l.getValue();
                sb.append(String.format(Locale.ROOT, "%-22s %-55s acc %.4f  logloss %.4f  (%d subsamples)%n", g.getKey(),
                        l.getKey(), v[0] / v[2], v[1] / v[2], (int) v[2]));
            }
        }
        // the goal per subsample: the first learner's log loss <= min(Logistic, MLP), accuracy >= Logistic's - 0.01
        final Map<String, Map<String, Row>> bySet = new LinkedHashMap<>();
        for (Row r : rows) {
            bySet.computeIfAbsent(r.set, key -> new LinkedHashMap<>()).put(r.learner, r);
        }
        int sets = 0, logLossMet = 0, accuracyMet = 0;
        for (Map<String, Row> m : bySet.values()) {
            final Row first = m.values().iterator().next(), logistic = m.get("Logistic"),
                    mlp = m.get("MultilayerPerceptron");
            if (logistic == null || mlp == null || !first.nominal) {
                continue;
            }
            sets++;
            logLossMet += first.logLoss <= Math.min(logistic.logLoss, mlp.logLoss) ? 1 : 0;
            accuracyMet += first.accuracy >= logistic.accuracy - 0.01 ? 1 : 0;
        }
        if (sets > 0) {
            sb.append(String.format(Locale.ROOT, "Goal on the subsamples (first learner vs Logistic and MLP): log loss met "
                    + "on %d of %d, accuracy within 1 point of Logistic's on %d of %d%n", logLossMet, sets, accuracyMet, sets));
        }
        return sb.toString();
    }

    /** The family whose mean deviance the bench reports for a numeric class (Tweedie at NeuralGLM's -power 1.5). */
    private static Family familyOf(DataSet s) {
        return s.family() == null ? null : gaussian ? Families.byName("Gaussian", 0, false)
                : Families.byName(s.family(), s.family().equals("Tweedie") ? 1.5 : 0, false);
    }

    /** Whether every numeric class is modelled as Gaussian ({@code --gaussian}). */
    private static boolean gaussian;

    /** Where {@code val:} sets are read from. */
    private static File validationDir;

    private static Instances load(File dir, String name) throws Exception {
        if (name.startsWith("val:")) {
            final File f = new File(validationDir, name.substring(4) + ".arff");
            if (!f.isFile()) {
                throw new IllegalStateException("Missing validation set " + f
                        + ": write them with /usr/bin/python3 scripts/cpython/statsmodels_arff.py (needs python3-statsmodels)");
            }
            return new DataSource(f.getPath()).getDataSet();
        }
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

    /**
     * The cross-validation repeated once per seed.
     *
     * @return the means of the metrics and CPU time, with the metrics' standard deviations
     */
    static Row repeated(String set, String learner, Classifier c, Instances data, int folds, Family family,
                        List<Long> seeds, boolean learnerSeeds) throws Exception {
        final int r = seeds.size();
        final double[][] m = new double[5][r];
        Row one = null;
        for (int i = 0; i < r; i++) {
            final Classifier copy = AbstractClassifier.makeCopy(c);
            if (learnerSeeds && copy instanceof Randomizable rc) {
                rc.setSeed(seeds.get(i).intValue());
            }
            one = evaluate(set, learner, copy, data, folds, family, seeds.get(i));
            m[0][i] = one.accuracy;
            m[1][i] = one.logLoss;
            m[2][i] = one.rmse;
            m[3][i] = one.deviance;
            m[4][i] = one.cpuSeconds;
        }
        final Row out = one;
        out.repetitions = r;
        out.accuracy = mean(m[0]);
        out.logLoss = mean(m[1]);
        out.rmse = mean(m[2]);
        out.deviance = mean(m[3]);
        out.cpuSeconds = mean(m[4]);
        out.sdAccuracy = sd(m[0]);
        out.sdLogLoss = sd(m[1]);
        out.sdRmse = sd(m[2]);
        out.sdDeviance = sd(m[3]);
        out.clamped = 0;
        out.perSeed = out.nominal ? m[0] : m[2];
        out.perSeedSecond = out.nominal ? m[1] : m[3];
        return out;
    }

    /**
     * @return per learner after the first, the paired difference of the first learner's main metric minus its, over
     *         the seeds: mean +/- sd, and on how many seeds the first learner was worse
     */
    static String paired(List<Row> rows) {
        final Row first = rows.get(0);
        final StringBuilder sb = new StringBuilder();
        for (Row r : rows.subList(1, rows.size())) {
            final double[] d = new double[first.perSeed.length];
            int worse = 0;
            for (int i = 0; i < d.length; i++) {
                d[i] = first.perSeed[i] - r.perSeed[i];
                worse += (first.nominal ? d[i] < 0 : d[i] > 0) ? 1 : 0;
            }
            sb.append(String.format(Locale.ROOT, "%-18s   %s minus %s: %s %+.4g +/- %.4g (paired over %d seeds); "
                            + "worse on %d of them%n", first.set, first.learner, r.learner,
                    first.nominal ? "accuracy" : "RMSE", mean(d), sd(d), d.length, worse));
        }
        return sb.toString();
    }

    /** @return a row's main and second metric at each seed, in the order of --seeds */
    static String perSeedLine(Row r) {
        final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-18s   %s per seed: %s", r.set, r.learner,
                r.nominal ? "accuracy" : "RMSE"));
        for (double v : r.perSeed) {
            sb.append(String.format(Locale.ROOT, " %.4g", v));
        }
        sb.append(r.nominal ? "; log loss" : "; deviance");
        for (double v : r.perSeedSecond) {
            sb.append(String.format(Locale.ROOT, " %.4g", v));
        }
        return sb.toString();
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** @return the sample standard deviation (divisor n - 1; 0 for one value) */
    static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        final double mu = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - mu) * (x - mu);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    static Row evaluate(String set, String learner, Classifier c, Instances data, int folds, Family family, long seed)
            throws Exception {
        final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        final Evaluation ev = new Evaluation(data);
        final Classifier copy = AbstractClassifier.makeCopy(c);
        final long t0 = mx.getCurrentThreadCpuTime();
        ev.crossValidateModel(copy, data, folds, new Random(seed));
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

    /** @return v, or "v +/- sd" when the row averages repetitions */
    private static String pm(String format, double v, double sd, Row r) {
        return r.repetitions < 2 ? String.format(Locale.ROOT, format, v)
                : String.format(Locale.ROOT, format + " +/- " + format, v, sd);
    }

    private static String line(Row r) {
        if (r.repetitions > 1) {
            return String.format(Locale.ROOT, "%-18s %-55s %s  cpu %.2f s (mean +/- sd over %d seeds)", r.set, r.learner,
                    r.nominal ? "acc " + pm("%.3f", r.accuracy, r.sdAccuracy, r) + "  logloss "
                            + pm("%.4f", r.logLoss, r.sdLogLoss, r)
                            : "rmse " + pm("%.4g", r.rmse, r.sdRmse, r) + "  deviance "
                            + pm("%.4g", r.deviance, r.sdDeviance, r), r.cpuSeconds, r.repetitions);
        }
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
                    r.nominal ? pm("%.3f", r.accuracy, r.sdAccuracy, r) : "",
                    r.nominal ? pm("%.3f", r.logLoss, r.sdLogLoss, r) : "",
                    r.nominal ? "" : pm("%.4g", r.rmse, r.sdRmse, r),
                    r.nominal ? "" : pm("%.4g", r.deviance, r.sdDeviance, r)
                            + (r.clamped > 0 ? " (" + r.clamped + " clamped)" : ""),
                    Double.isNaN(r.ratio) ? "" : String.format(Locale.ROOT, "%.2f", r.ratio)));
        }
        return sb.toString();
    }
}
