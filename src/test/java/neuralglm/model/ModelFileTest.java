package neuralglm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import neuralglm.dist.DispersionSums;
import neuralglm.family.CategoricalFamily;
import neuralglm.family.Family;
import neuralglm.family.TweedieFamily;
import neuralglm.nn.Activation;
import neuralglm.nn.Precision;
import neuralglm.nn.Sequential;
import neuralglm.train.TrainingResult;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plain model file: a model written and read back predicts the same numbers bit for bit and keeps its
 * encoder, label coding, family, loss trace and dispersion sums; foreign, crafted and Java-serialised files
 * are refused with a message saying why, without deserialising anything.
 */
class ModelFileTest {

    /** Rows: x (numeric, some missing), colour (3 categories), size (2), y. */
    private static final Object[][] ROWS = {
        {1.5, "red", "S", 2.0}, {null, "green", "L", 0.0}, {-0.5, "blue", "S", 1.0}, {2.25, null, "L", 3.0},
        {0.75, "red", null, 0.0}, {3.0, "green", "S", 5.0}, {-1.0, "red", "L", 1.0},
    };

    private static TabularModel model(Family family, boolean nominalLabel, Object[] labels) {
        final String[] names = {"x", "colour", "size"};
        final TableStats stats = new TableStats(names, new boolean[] {false, true, true}, nominalLabel);
        for (int i = 0; i < ROWS.length; i++) {
            stats.add(new Object[] {ROWS[i][0], ROWS[i][1], ROWS[i][2]}, labels[i], 1.0 + i % 3);
        }
        final TabularEncoder encoder = TabularEncoder.fit(stats, true);
        final LabelCoding coding = LabelCoding.fit("y", family, stats);
        final Sequential net = Sequential.mlp(encoder.width(), new int[] {3, 2}, () -> Activation.byName("LeakyReLU"),
                coding.columns(), new Random(5));
        final TrainingResult result = new TrainingResult(new double[] {1.25, 0.75, Double.NaN, 1e-300}, 0.625, true);
        return new TabularModel(encoder, coding, net, family, result, "test \"settings\"\n\u00e9",
                new DispersionSums(12.5, 11.0, 9.0, 0));
    }

    private static Object[][] cells() {
        final Object[][] c = new Object[ROWS.length + 2][];
        for (int i = 0; i < ROWS.length; i++) {
            c[i] = new Object[] {ROWS[i][0], ROWS[i][1], ROWS[i][2]};
        }
        c[ROWS.length] = new Object[] {1e6, "violet", "XL"};   // categories never seen: the modes
        c[ROWS.length + 1] = new Object[] {null, null, null};
        return c;
    }

    @Test
    void aModelReadBackPredictsBitForBitAndKeepsEverything(@TempDir Path dir) throws IOException {
        final Object[] y = new Object[ROWS.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = ROWS[i][3];
        }
        final TabularModel model = model(new TweedieFamily(1.3), false, y);
        final Path file = dir.resolve("m.json");
        try (var out = Files.newOutputStream(file)) {
            ModelFile.write(model, out);
        }
        final TabularModel back = ModelFile.read(file);
        assertArrayEquals(model.mean(cells()).data, back.mean(cells()).data);
        assertArrayEquals(model.encode(cells()).data, back.encode(cells()).data);
        assertEquals(model.family().toString(), back.family().toString());
        assertEquals(1.3, ((TweedieFamily) back.family()).power());
        assertEquals(model.result(), back.result());
        assertEquals(model.settings(), back.settings());
        assertEquals(model.dispersionSums().toString(), back.dispersionSums().toString());
        assertArrayEquals(model.encoder().inputNames(), back.encoder().inputNames());
        assertEquals(model.network().toString(), back.network().toString());
        // the text is plain JSON: it names no Java class
        final String text = Files.readString(file);
        assertFalse(text.contains("neuralglm.") || text.contains("java."), text);
        // a Spark ML model directory: the model file under data/
        final Path ml = dir.resolve("ml");
        Files.createDirectories(ml.resolve("data"));
        Files.copy(file, ml.resolve(ModelFile.IN_DIRECTORY));
        assertArrayEquals(model.mean(cells()).data, ModelFile.read(ml).mean(cells()).data);
    }

    /** A network averaged with a GLM ({@link neuralglm.nn.EtaAverage#withLinear}) is a plain network in the file too. */
    @Test
    void aNetworkWithALinearSkipReadBackPredictsBitForBit() {
        final Object[] y = new Object[ROWS.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = ROWS[i][3];
        }
        final TabularModel plain = model(new TweedieFamily(1.3), false, y);
        final int in = plain.encoder().width(), out = plain.label().columns();
        final Sequential net = Sequential.mlp(in, new int[] {4}, () -> Activation.byName("Squareplus"), out, new Random(2));
        final Sequential glm = Sequential.mlp(in, new int[0], () -> null, out, new Random(3));
        final TabularModel model = new TabularModel(plain.encoder(), plain.label(),
                neuralglm.nn.EtaAverage.withLinear(net, glm), plain.family(), plain.result(), "", plain.dispersionSums());
        final TabularModel back = ModelFile.fromBytes(ModelFile.toJson(model).getBytes(StandardCharsets.UTF_8), "test");
        assertArrayEquals(model.mean(cells()).data, back.mean(cells()).data);
        assertEquals(model.network().toString(), back.network().toString());
    }

    /** A network predicting in float32 keeps its precision through the file, and its predictions to the bit. */
    @Test
    void aFloat32ModelReadBackPredictsInFloat() {
        final Object[] y = new Object[ROWS.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = ROWS[i][3];
        }
        final TabularModel plain = model(new TweedieFamily(1.3), false, y);
        final double[] f64 = plain.mean(cells()).data;
        plain.network().setPrecision(Precision.FLOAT32);
        final double[] f32 = plain.mean(cells()).data;
        final String text = ModelFile.toJson(plain);
        assertTrue(text.contains("\"precision\""), text);
        final TabularModel back = ModelFile.fromJson(Json.read(text));
        assertEquals(Precision.FLOAT32, back.network().precision());
        assertArrayEquals(f32, back.mean(cells()).data, 0.0);
        assertFalse(java.util.Arrays.equals(f32, f64), "float32 predicts in float");
        assertRefused(text.replace("\"float32\"", "\"float16\""), "\"precision\" is");
    }

    @Test
    void aCategoricalModelKeepsItsClasses() {
        final Object[] y = {"b", "a", "c", "b", "a", "c", "c"};
        final TabularModel model = model(new CategoricalFamily(), true, y);
        final TabularModel back = ModelFile.fromBytes(ModelFile.toJson(model).getBytes(StandardCharsets.UTF_8), "mem");
        assertArrayEquals(new String[] {"a", "b", "c"}, back.label().classes());
        final DMatrixRMaj mu = back.mean(cells());
        assertArrayEquals(model.mean(cells()).data, mu.data);
        assertEquals(3, mu.numCols);
        final double[] row = new double[3];
        assertTrue(back.label().encode("c", row, 0));
        assertArrayEquals(new double[] {0, 0, 1}, row);
    }

    @Test
    void absentClassesAreKeptAndAnOlderFileHasNone() {
        final Object[] y = {"b", "a", "c", "b", "a", "c", "c"};
        final TabularModel plain = model(new CategoricalFamily(), true, y);
        final AbsentClasses absent = new AbsentClasses(3, new int[] {1}, 9.5);
        final TabularModel model = new TabularModel(plain.encoder(), plain.label(), plain.network(), plain.family(),
                plain.result(), plain.settings(), plain.dispersionSums(), absent);
        final String json = ModelFile.toJson(model);
        assertTrue(json.contains("\"absentClasses\":{\"classes\":[\"b\"],\"totalWeight\":9.5}"), json);
        final TabularModel back = ModelFile.fromBytes(json.getBytes(StandardCharsets.UTF_8), "mem");
        assertEquals(absent, back.absentClasses());
        final DMatrixRMaj mu = back.mean(cells()), net = plain.mean(cells());
        assertArrayEquals(model.mean(cells()).data, mu.data);
        final double p0 = 0.5 / (9.5 + 1.5);
        for (int i = 0; i < mu.numRows; i++) {
            assertEquals(p0, mu.get(i, 1), 1e-17);
            assertEquals(net.get(i, 0) / net.get(i, 2), mu.get(i, 0) / mu.get(i, 2), 1e-12 * mu.get(i, 0) / mu.get(i, 2));
            assertEquals(1.0, mu.get(i, 0) + mu.get(i, 1) + mu.get(i, 2), 1e-15);
        }
        // a file written before the field existed: no absent classes
        assertNull(ModelFile.fromBytes(ModelFile.toJson(plain).getBytes(StandardCharsets.UTF_8), "old").absentClasses());
        assertRefused(json.replace("[\"b\"]", "[\"z\"]"), "'z' is not a class of label 'y'");
    }

    /** Records whether Java deserialisation ran its readObject. */
    static final class Gadget implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialised;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            deserialised = true;
        }
    }

    @Test
    void aJavaSerialisedFileIsRefusedWithoutDeserialisingIt(@TempDir Path dir) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new Gadget());
        }
        final Path file = dir.resolve("old.model");
        Files.write(file, bytes.toByteArray());
        Gadget.deserialised = false;
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(file));
        assertTrue(e.getMessage().contains("Java-serialised") && e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(Gadget.deserialised, "the stream was deserialised");
    }

    @Test
    void foreignAndCraftedFilesGetAClearError() {
        final Object[] y = new Object[ROWS.length];
        java.util.Arrays.fill(y, 1.0);
        final String good = ModelFile.toJson(model(new TweedieFamily(1.5), false, y));
        assertRefused("PK\u0003\u0004 a zip", "is not a neuralGLM model file");
        assertRefused("{\"format\": \"something else\"}", "expected \"neuralGLM TabularModel\"");
        assertRefused(good.substring(0, good.length() / 2), "Invalid JSON at character");
        assertRefused(good.replace("\"version\":1", "\"version\":99"), "version 99");
        assertRefused(good.replace("\"name\":\"Tweedie\"", "\"name\":\"Evil\""), "Unknown family 'Evil'");
        assertRefused(good.replaceFirst("\"bias\":\\[[^\\]]*\\]", "\"bias\":[1.0]"), "network[0]");
        assertRefused(good.replace("\"activation\":\"LeakyReLU\"", "\"activation\":\"java.lang.Runtime\""),
                "Unknown activation 'java.lang.Runtime'");
        assertRefused(good.replace("\"scale\":[", "\"scale\":[1.0,"), "\"inputs\"");
        assertRefused("{\"a\":" + "[".repeat(100_000), "nested more than");
    }

    private static void assertRefused(String text, String expected) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.fromBytes(text.getBytes(StandardCharsets.UTF_8), "crafted.json"));
        assertTrue(e.getMessage().contains("crafted.json") && e.getMessage().contains(expected),
                "expected '" + expected + "' in: " + e.getMessage());
    }
}
