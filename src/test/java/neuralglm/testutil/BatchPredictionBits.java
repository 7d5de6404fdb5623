package neuralglm.testutil;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;

import weka.core.BatchPredictor;
import weka.core.Instances;
import weka.core.SerializationHelper;

/**
 * A child JVM's batch predictions, for WekaPackageIT (on a class path of its own: this class alone): loads a saved model (through Weka's package class
 * loading), reads an ARFF file with the class last, and prints each instance's {@code distributionsForInstances} output
 * as the raw bits of its doubles, one line per instance.
 */
public final class BatchPredictionBits {

    private BatchPredictionBits() {
    }

    /** @param args the model file, the ARFF file */
    public static void main(String[] args) throws Exception {
        weka.core.WekaPackageManager.loadPackages(false);
        final Object model = SerializationHelper.read(args[0]);
        final Instances data;
        try (BufferedReader r = Files.newBufferedReader(Path.of(args[1]))) {
            data = new Instances(r);
        }
        data.setClassIndex(data.numAttributes() - 1);
        final double[][] p = ((BatchPredictor) model).distributionsForInstances(data);
        final StringBuilder sb = new StringBuilder();
        for (double[] row : p) {
            sb.append("bits");
            for (double v : row) {
                sb.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
            }
            sb.append('\n');
        }
        System.out.print(sb);
    }
}
