/**
 * neuralGLM on Apache Spark: synchronous data-parallel training of the engine's networks on a Spark
 * table ({@link neuralglm.spark.SparkTrainer}), rows cached once per partition as {@code double[]}
 * chunks ({@link neuralglm.spark.DistributedData}), each step's gradient summed exactly with
 * {@code treeAggregate} ({@link neuralglm.spark.ExactSum}) and applied on the driver by the engine's
 * optimiser. The result is the engine's {@link neuralglm.model.TabularModel} (with its
 * {@link neuralglm.model.TabularEncoder} and {@link neuralglm.model.LabelCoding}), which holds no Spark
 * type; the Weka face turns it into a NeuralGLM model file
 * ({@code weka.classifiers.functions.neuralglm.ImportTabularModel}).
 * Spark is a {@code provided} dependency: this package and {@code neuralglm.spark.ml} are the only ones that import it.
 */
package neuralglm.spark;
