/**
 * neuralGLM on Apache Spark: synchronous data-parallel training of the engine's networks on a Spark
 * table ({@link neuralglm.spark.SparkTrainer}), rows cached once per partition as {@code double[]}
 * chunks ({@link neuralglm.spark.DistributedData}), each step's gradient summed exactly with
 * {@code treeAggregate} ({@link neuralglm.spark.ExactSum}) and applied on the driver by the engine's
 * optimiser. The result, {@link neuralglm.spark.TabularModel} with its
 * {@link neuralglm.spark.TabularEncoder} and {@link neuralglm.spark.LabelCoding}, holds no Spark type.
 * Spark is a {@code provided} dependency: this package is the only one that imports it.
 */
package neuralglm.spark;
