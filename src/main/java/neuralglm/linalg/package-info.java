/**
 * Dense kernels on row-major {@code double} matrices (EJML's {@code DMatrixRMaj} as the carrier): the
 * products of backpropagation and their fused row operations. Nothing here knows about families,
 * layers or Weka.
 */
package neuralglm.linalg;
