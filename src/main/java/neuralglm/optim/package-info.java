/**
 * Optimisers that update {@link neuralglm.nn.Parameter}s from their accumulated gradients: SGD
 * (momentum, Nesterov, weight decay), Adam and full-batch L-BFGS. Configured optimisers are
 * prototypes; training works on {@link neuralglm.optim.Optimizer#copy()}.
 */
package neuralglm.optim;
