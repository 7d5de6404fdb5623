/**
 * neuralGLM as a Spark ML component: {@link neuralglm.spark.ml.NeuralGLMEstimator} (an {@code Estimator}) and
 * {@link neuralglm.spark.ml.NeuralGLMModel} (a {@code Model}) with Spark ML {@code Param}s
 * ({@link neuralglm.spark.ml.NeuralGLMParams}), for {@code Pipeline}s, {@code CrossValidator} and
 * {@code MLWritable}/{@code MLReadable}. Training is {@link neuralglm.spark.SparkTrainer}'s; models are saved
 * as Spark saves its own (JSON metadata) with the plain model file of {@link neuralglm.model.ModelFile}.
 */
package neuralglm.spark.ml;
