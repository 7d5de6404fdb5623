package neuralglm.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import neuralglm.dist.DispersionSums;
import neuralglm.family.Families;
import neuralglm.family.Family;
import neuralglm.family.Link;
import neuralglm.nn.Activation;
import neuralglm.nn.Layer;
import neuralglm.nn.Linear;
import neuralglm.nn.Precision;
import neuralglm.nn.Sequential;
import neuralglm.train.StopReason;
import neuralglm.train.TrainingResult;

/**
 * The plain file format of a {@link TabularModel}: one JSON object (UTF-8) with the family (name, link,
 * parameter), the encoder (per feature: name, nominal, imputed value or sorted categories and mode;
 * per encoded column: name, centre, scale), the label coding, the network as a list of layers
 * ({@code Linear}: in, out, the out x in weight row-major and the bias; an activation by name), the
 * loss trace, the settings, the dispersion sums and the label's classes without training weight with the total
 * training weight ({@code absentClasses}, see {@link AbsentClasses}; a file without it, as older ones, has none), and
 * for a nominal label the total training weight n_w ({@code trainingWeight}; older files have it only with absent classes),
 * and {@code "precision": "float32"} for a network predicting in float32 ({@link Sequential#setPrecision}; absent: float64). Doubles are written exactly ({@link Json}). A model
 * file is data, not code: reading builds numbers and strings and then the model from them, it never
 * deserialises objects, and anything inconsistent (a foreign file, a Java-serialised stream, wrong
 * array lengths, an unknown family) is refused with an {@link IllegalArgumentException} saying what is
 * wrong. No Spark or Weka types; the faces supply the streams (Hadoop FileSystem, local files).
 */
public final class ModelFile {

    /** The {@code format} field of every model file. */
    public static final String FORMAT = "neuralGLM TabularModel";
    /** The version written; readers accept this version and older ones. */
    public static final int VERSION = 1;
    /** Files larger than this are refused before parsing. */
    private static final long MAX_BYTES = 1L << 30;

    private ModelFile() {
    }

    // ------------------------------------------------------------------------------------- writing

    /**
     * @param model the model
     * @return its JSON text
     */
    public static String toJson(TabularModel model) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("version", VERSION);
        final Family f = model.family();
        final Map<String, Object> fam = new LinkedHashMap<>();
        fam.put("name", f.name());
        fam.put("link", f.link().name());
        fam.put("parameter", f.familyParameter());
        m.put("family", fam);
        final TabularEncoder e = model.encoder();
        final List<Object> features = new ArrayList<>();
        for (int j = 0; j < e.names.length; j++) {
            final Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", e.names[j]);
            c.put("nominal", e.nominal[j]);
            if (e.nominal[j]) {
                c.put("categories", e.categories[j]);
                c.put("mode", e.mode[j]);
            } else {
                c.put("fill", e.fill[j]);
            }
            features.add(c);
        }
        m.put("features", features);
        final Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("names", e.inputNames);
        inputs.put("centre", e.centre);
        inputs.put("scale", e.scale);
        m.put("inputs", inputs);
        final LabelCoding l = model.label();
        final Map<String, Object> label = new LinkedHashMap<>();
        label.put("name", l.name());
        label.put("classes", l.classes());
        label.put("oneHot", l.oneHot);
        m.put("label", label);
        final List<Object> layers = new ArrayList<>();
        final Sequential net = model.network();
        for (int i = 0; i < net.layers().size(); i++) {
            final Layer layer = net.layers().get(i);
            final Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", net.names().get(i));
            if (layer instanceof Linear lin) {
                c.put("type", "Linear");
                c.put("in", lin.inputs());
                c.put("out", lin.outputs());
                c.put("weight", lin.weight().value().data);
                c.put("bias", lin.bias().value().data);
            } else if (layer instanceof Activation a) {
                c.put("type", "Activation");
                c.put("activation", a.getClass().getSimpleName());
                c.put("text", a.toString());
            } else {
                throw new IllegalArgumentException("The plain model format has no layer type " + layer.getClass().getName());
            }
            layers.add(c);
        }
        m.put("network", layers);
        if (net.precision() == Precision.FLOAT32) {
            m.put("precision", net.precision().toString());   // written only for float32: float64 files stay as they were
        }
        final TrainingResult r = model.result();
        final Map<String, Object> training = new LinkedHashMap<>();
        training.put("lossTrace", r.lossTrace());
        training.put("finalLoss", r.finalLoss());
        training.put("stopReason", r.stopReason().name());
        training.put("validationTrace", r.validationTrace());
        training.put("bestEpoch", r.bestEpoch());
        m.put("training", training);
        m.put("settings", model.settings());
        final DispersionSums d = model.dispersionSums();
        if (d != null) {
            final Map<String, Object> ds = new LinkedHashMap<>();
            ds.put("pearsonChiSquare", d.pearsonChiSquare());
            ds.put("deviance", d.deviance());
            ds.put("totalWeight", d.totalWeight());
            ds.put("numParameters", d.numParameters());
            m.put("dispersionSums", ds);
        }
        final AbsentClasses a = model.absentClasses();
        if (a != null) {
            final Map<String, Object> ac = new LinkedHashMap<>();
            final String[] classes = l.classes();
            final int[] idx = a.classes();
            final String[] names = new String[idx.length];
            for (int i = 0; i < idx.length; i++) {
                names[i] = classes[idx[i]];
            }
            ac.put("classes", names);
            ac.put("totalWeight", a.totalWeight());
            m.put("absentClasses", ac);
        }
        if (Double.isFinite(model.trainingWeight())) {
            m.put("trainingWeight", model.trainingWeight());
        }
        return Json.write(m);
    }

    /**
     * @param model the model
     * @param out   receives the JSON text (UTF-8); not closed
     * @throws IOException from the stream
     */
    public static void write(TabularModel model, OutputStream out) throws IOException {
        out.write(toJson(model).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    // ------------------------------------------------------------------------------------- reading

    /**
     * @param in     the file's bytes; read to the end, not closed
     * @param source where they come from, for the messages
     * @return the model
     * @throws IOException              from the stream
     * @throws IllegalArgumentException when the bytes are not a neuralGLM model file
     */
    public static TabularModel read(InputStream in, String source) throws IOException {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        final byte[] b = new byte[1 << 16];
        long total = 0;
        for (int r; (r = in.read(b)) > 0; ) {
            total += r;
            if (total > MAX_BYTES) {
                throw new IllegalArgumentException(source + " is larger than " + MAX_BYTES + " bytes: not a neuralGLM model file");
            }
            buf.write(b, 0, r);
        }
        return fromBytes(buf.toByteArray(), source);
    }

    /** Where a Spark ML model directory ({@code NeuralGLMModel.save}) keeps the model file. */
    public static final String IN_DIRECTORY = "data/model.json";

    /**
     * Reads a local model file, or the model file of a Spark ML model directory ({@link #IN_DIRECTORY}).
     *
     * @param path the file or directory
     * @return the model
     * @throws IOException              when it cannot be read
     * @throws IllegalArgumentException when it is not a neuralGLM model file
     */
    public static TabularModel read(java.nio.file.Path path) throws IOException {
        java.nio.file.Path file = path;
        if (java.nio.file.Files.isDirectory(path)) {
            file = path.resolve(IN_DIRECTORY);
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new IllegalArgumentException(path + " is a directory without " + IN_DIRECTORY
                        + ": not a neuralGLM model (a model file, or a directory saved by NeuralGLMModel.save)");
            }
        }
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * @param bytes  the file's bytes
     * @param source where they come from, for the messages
     * @return the model
     * @throws IllegalArgumentException when the bytes are not a neuralGLM model file
     */
    public static TabularModel fromBytes(byte[] bytes, String source) {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xAC && (bytes[1] & 0xFF) == 0xED) {
            throw new IllegalArgumentException(source + " is a Java-serialised object stream, not a neuralGLM model file: "
                    + "model files are plain JSON (data, not code) and serialised objects are never read. "
                    + "Save the model again with this version (SparkTrain --save, or ModelFile.write).");
        }
        final String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("{")) {
            throw new IllegalArgumentException(source + " is not a neuralGLM model file (a JSON object with \"format\": \""
                    + FORMAT + "\"); it starts with " + preview(text));
        }
        final Object parsed;
        try {
            parsed = Json.read(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not a neuralGLM model file: " + e.getMessage(), e);
        }
        try {
            return fromJson(parsed);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException(source + " is not a valid neuralGLM model file: " + e.getMessage(), e);
        }
    }

    private static String preview(String text) {
        final String s = text.length() > 30 ? text.substring(0, 30) + "..." : text;
        return "'" + s.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }

    /**
     * @param parsed the parsed JSON ({@link Json#read})
     * @return the model
     * @throws IllegalArgumentException naming the first field that is missing or inconsistent
     */
    public static TabularModel fromJson(Object parsed) {
        final Map<String, Object> m = object(parsed, "the file");
        if (!FORMAT.equals(m.get("format"))) {
            throw new IllegalArgumentException("its \"format\" is " + Json.describe(m.get("format")) + ", expected \"" + FORMAT + "\"");
        }
        final double version = Json.number(m.get("version"), "\"version\"");
        if (version < 1 || version > VERSION || version != Math.rint(version)) {
            throw new IllegalArgumentException("it has version " + version + "; this neuralGLM reads versions 1 to " + VERSION);
        }
        final Family family = family(object(m.get("family"), "\"family\""));
        final TabularEncoder encoder = encoder(list(m.get("features"), "\"features\""), object(m.get("inputs"), "\"inputs\""));
        final Map<String, Object> l = object(m.get("label"), "\"label\"");
        final String[] classes = l.get("classes") == null ? null : strings(l.get("classes"), "\"label.classes\"");
        final boolean oneHot = bool(l.get("oneHot"), "\"label.oneHot\"");
        if (oneHot && classes == null) {
            throw new IllegalArgumentException("a one-hot label needs its classes");
        }
        final LabelCoding label = new LabelCoding(string(l.get("name"), "\"label.name\""), classes, oneHot);
        final Sequential net = network(list(m.get("network"), "\"network\""), encoder.width(), label.columns());
        if (m.get("precision") != null) {
            try {
                net.setPrecision(Precision.byName(string(m.get("precision"), "\"precision\"")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("its \"precision\" is " + Json.describe(m.get("precision"))
                        + ", expected \"float64\" or \"float32\"", e);
            }
        }
        final Map<String, Object> t = object(m.get("training"), "\"training\"");
        final StopReason reason;
        try {
            reason = StopReason.valueOf(string(t.get("stopReason"), "\"training.stopReason\""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown \"training.stopReason\" " + Json.describe(t.get("stopReason")), e);
        }
        final TrainingResult result = new TrainingResult(doubles(t.get("lossTrace"), "\"training.lossTrace\""),
                Json.number(t.get("finalLoss"), "\"training.finalLoss\""), reason,
                doubles(t.get("validationTrace"), "\"training.validationTrace\""),
                integer(t.get("bestEpoch"), "\"training.bestEpoch\""), 0);
        DispersionSums sums = null;
        if (m.get("dispersionSums") != null) {
            final Map<String, Object> d = object(m.get("dispersionSums"), "\"dispersionSums\"");
            sums = new DispersionSums(Json.number(d.get("pearsonChiSquare"), "\"dispersionSums.pearsonChiSquare\""),
                    Json.number(d.get("deviance"), "\"dispersionSums.deviance\""),
                    Json.number(d.get("totalWeight"), "\"dispersionSums.totalWeight\""),
                    integer(d.get("numParameters"), "\"dispersionSums.numParameters\""));
        }
        final Object settings = m.get("settings");
        final AbsentClasses absent = absent(m.get("absentClasses"), label);
        // n_w: written since the floor of a class value the model never saw; older files kept it only with absent classes
        final double trainingWeight = m.get("trainingWeight") != null
                ? Json.number(m.get("trainingWeight"), "\"trainingWeight\"")
                : absent != null ? absent.totalWeight() : Double.NaN;
        return new TabularModel(encoder, label, net, family, result, settings == null ? "" : string(settings, "\"settings\""), sums,
                absent, trainingWeight);
    }

    /** The label's classes without training weight; a file without the field (older ones) has none. */
    private static AbsentClasses absent(Object field, LabelCoding label) {
        if (field == null) {
            return null;
        }
        final Map<String, Object> a = object(field, "\"absentClasses\"");
        final String[] names = strings(a.get("classes"), "\"absentClasses.classes\"");
        final String[] classes = label.classes();
        if (classes == null) {
            throw new IllegalArgumentException("\"absentClasses\" given for the numeric label '" + label.name() + "'");
        }
        final int[] idx = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            idx[i] = java.util.Arrays.binarySearch(classes, names[i]);
            if (idx[i] < 0) {
                throw new IllegalArgumentException("\"absentClasses.classes[" + i + "]\" '" + names[i]
                        + "' is not a class of label '" + label.name() + "'");
            }
        }
        java.util.Arrays.sort(idx);
        return new AbsentClasses(classes.length, idx, Json.number(a.get("totalWeight"), "\"absentClasses.totalWeight\""));
    }

    private static Family family(Map<String, Object> f) {
        final String name = string(f.get("name"), "\"family.name\"");
        final Link link;
        try {
            link = Link.valueOf(string(f.get("link"), "\"family.link\""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown \"family.link\" " + Json.describe(f.get("link")), e);
        }
        final double p = Json.number(f.get("parameter"), "\"family.parameter\"");
        final Family family = Families.byName(name, p, link != Link.LOG);
        if (family.link() != link) {
            throw new IllegalArgumentException("the " + name + " family has no link " + link);
        }
        if (!family.name().equals(name)) {
            throw new IllegalArgumentException("unknown family name \"" + name + "\"");
        }
        return family;
    }

    private static TabularEncoder encoder(List<Object> features, Map<String, Object> inputs) {
        final int m = features.size();
        final String[] names = new String[m];
        final boolean[] nominal = new boolean[m];
        final double[] fill = new double[m];
        final String[][] cats = new String[m][];
        final int[] mode = new int[m];
        final int[] offset = new int[m + 1];
        int width = 0;
        for (int j = 0; j < m; j++) {
            final String where = "\"features[" + j + "]";
            final Map<String, Object> c = object(features.get(j), where + "\"");
            names[j] = string(c.get("name"), where + ".name\"");
            nominal[j] = bool(c.get("nominal"), where + ".nominal\"");
            offset[j] = width;
            if (nominal[j]) {
                cats[j] = strings(c.get("categories"), where + ".categories\"");
                if (cats[j].length == 0) {
                    throw new IllegalArgumentException(where + ".categories\" is empty");
                }
                for (int k = 1; k < cats[j].length; k++) {
                    if (cats[j][k - 1].compareTo(cats[j][k]) >= 0) {
                        throw new IllegalArgumentException(where + ".categories\" are not sorted and distinct");
                    }
                }
                mode[j] = integer(c.get("mode"), where + ".mode\"");
                if (mode[j] < 0 || mode[j] >= cats[j].length) {
                    throw new IllegalArgumentException(where + ".mode\" " + mode[j] + " is not a category index");
                }
                width += cats[j].length == 2 ? 1 : cats[j].length;
            } else {
                fill[j] = Json.number(c.get("fill"), where + ".fill\"");
                width++;
            }
        }
        offset[m] = width;
        final String[] inputNames = strings(inputs.get("names"), "\"inputs.names\"");
        final double[] centre = doubles(inputs.get("centre"), "\"inputs.centre\"");
        final double[] scale = doubles(inputs.get("scale"), "\"inputs.scale\"");
        if (inputNames.length != width || centre.length != width || scale.length != width) {
            throw new IllegalArgumentException("the features encode to " + width + " columns, but \"inputs\" has "
                    + inputNames.length + " names, " + centre.length + " centres and " + scale.length + " scales");
        }
        return new TabularEncoder(names, nominal, fill, cats, mode, offset, centre, scale, inputNames);
    }

    private static Sequential network(List<Object> layers, int inputs, int outputs) {
        final Sequential net = new Sequential();
        final java.util.Random unused = new java.util.Random(0);
        int width = inputs;
        boolean lastLinear = false;
        for (int i = 0; i < layers.size(); i++) {
            final String where = "\"network[" + i + "]";
            final Map<String, Object> c = object(layers.get(i), where + "\"");
            final String name = string(c.get("name"), where + ".name\"");
            final String type = string(c.get("type"), where + ".type\"");
            if ("Linear".equals(type)) {
                final int in = integer(c.get("in"), where + ".in\""), out = integer(c.get("out"), where + ".out\"");
                if (in != width || out < 1) {
                    throw new IllegalArgumentException(where + "\" is Linear(" + in + ", " + out + ") after " + width + " columns");
                }
                final double[] w = doubles(c.get("weight"), where + ".weight\""), b = doubles(c.get("bias"), where + ".bias\"");
                if (w.length != (long) in * out || b.length != out) {
                    throw new IllegalArgumentException(where + "\" has " + w.length + " weights and " + b.length
                            + " biases for " + in + " x " + out);
                }
                final Linear lin = new Linear(name, in, out, unused);
                lin.weight().set(w);
                lin.bias().set(b);
                net.add(name, lin);
                width = out;
                lastLinear = true;
            } else if ("Activation".equals(type)) {
                final Activation a = Activation.byName(string(c.get("activation"), where + ".activation\""));
                final Object text = c.get("text");
                if (text != null && !a.toString().equals(text)) {
                    throw new IllegalArgumentException(where + "\" is " + text + "; this neuralGLM builds " + a);
                }
                net.add(name, a);
                lastLinear = false;
            } else {
                throw new IllegalArgumentException(where + ".type\" " + Json.describe(type) + " is not Linear or Activation");
            }
        }
        if (!lastLinear || width != outputs) {
            throw new IllegalArgumentException("the network must end in a Linear layer with " + outputs
                    + " outputs (the label's columns); it ends with " + width + " columns");
        }
        return net;
    }

    // ------------------------------------------------------------------------------------- fields

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object v, String what) {
        if (v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw new IllegalArgumentException(what + " should be an object, found " + Json.describe(v));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v, String what) {
        if (v instanceof List) {
            return (List<Object>) v;
        }
        throw new IllegalArgumentException(what + " should be an array, found " + Json.describe(v));
    }

    private static String string(Object v, String what) {
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(what + " should be a string, found " + Json.describe(v));
    }

    private static boolean bool(Object v, String what) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(what + " should be true or false, found " + Json.describe(v));
    }

    private static int integer(Object v, String what) {
        final double d = Json.number(v, what);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " should be an integer, found " + d);
        }
        return (int) d;
    }

    private static double[] doubles(Object v, String what) {
        final List<Object> l = list(v, what);
        final double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = Json.number(l.get(i), what + "[" + i + "]");
        }
        return a;
    }

    private static String[] strings(Object v, String what) {
        final List<Object> l = list(v, what);
        final String[] a = new String[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = string(l.get(i), what + "[" + i + "]");
        }
        return a;
    }
}
