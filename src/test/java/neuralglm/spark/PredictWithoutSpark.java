package neuralglm.spark;

import neuralglm.model.TabularModel;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ejml.data.DMatrixRMaj;

/**
 * Run in a JVM whose classpath has no Spark (by {@code SparkTableTest}): loads a saved
 * {@link TabularModel} (plain model file) and the feature cells (a test file of Object[][]), and prints whether Spark is absent and
 * the predicted means as exact hexadecimal doubles, one per line.
 */
public final class PredictWithoutSpark {

    private PredictWithoutSpark() {
    }

    /**
     * @param args the model file, then the file of cells (Object[][])
     * @throws Exception when the file cannot be read
     */
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("org.apache.spark.SparkContext");
            System.out.println("spark present");
        } catch (ClassNotFoundException e) {
            System.out.println("spark absent");
        }
        final TabularModel model = neuralglm.model.ModelFile.read(Path.of(args[0]));
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(Path.of(args[1])))) {
            final Object[][] cells = (Object[][]) in.readObject();
            final DMatrixRMaj mu = model.mean(cells);
            for (int i = 0; i < mu.getNumElements(); i++) {
                System.out.println(Double.toHexString(mu.data[i]));
            }
        }
    }
}
