package neuralglm.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import neuralglm.model.ModelFile;
import neuralglm.model.TabularModel;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Saves and loads a {@link TabularModel} through the Hadoop FileSystem API, so a model file can live
 * wherever Spark can write (a local path, {@code file:}, {@code hdfs:}, {@code s3a:}, ...), in the plain
 * JSON format of {@link ModelFile} (data, never Java-serialised objects). Loading also accepts a Spark
 * ML model directory ({@code NeuralGLMModel.save}), whose model file is {@link ModelFile#IN_DIRECTORY}.
 */
public final class ModelStore {

    private ModelStore() {
    }

    /**
     * @param model     the model
     * @param path      a file URI or path (resolved against the default file system of {@code conf})
     * @param conf      the Hadoop configuration (e.g. {@code spark.sparkContext().hadoopConfiguration()})
     * @param overwrite whether an existing file may be replaced
     * @throws IOException              when the file system refuses
     * @throws IllegalArgumentException when the file exists and {@code overwrite} is false
     */
    public static void save(TabularModel model, String path, Configuration conf, boolean overwrite) throws IOException {
        final Path p = new Path(path);
        final FileSystem fs = p.getFileSystem(conf);
        if (!overwrite && fs.exists(p)) {
            throw new IllegalArgumentException("Model file " + p + " already exists; choose another path or overwrite it");
        }
        try (OutputStream out = fs.create(p, overwrite)) {
            ModelFile.write(model, out);
        }
    }

    /**
     * @param path a model file, or a Spark ML model directory
     * @param conf the Hadoop configuration
     * @return the model
     * @throws IOException              when the file system refuses
     * @throws IllegalArgumentException when it is not a neuralGLM model (a foreign or Java-serialised file)
     */
    public static TabularModel load(String path, Configuration conf) throws IOException {
        Path p = new Path(path);
        final FileSystem fs = p.getFileSystem(conf);
        if (!fs.exists(p)) {
            throw new IllegalArgumentException("Model file " + p + " does not exist");
        }
        if (fs.getFileStatus(p).isDirectory()) {
            final Path inner = new Path(p, ModelFile.IN_DIRECTORY);
            if (!fs.exists(inner)) {
                throw new IllegalArgumentException(p + " is a directory without " + ModelFile.IN_DIRECTORY
                        + ": not a neuralGLM model (a model file, or a directory saved by NeuralGLMModel.save)");
            }
            p = inner;
        }
        try (InputStream in = fs.open(p)) {
            return ModelFile.read(in, p.toString());
        }
    }
}
