/**
 * Optimisers that update {@link neuralglm.nn.Parameter}s from their accumulated gradients: SGD
 * (momentum, Nesterov, weight decay), Adam and full-batch L-BFGS. Configured optimisers are
 * prototypes; training works on {@link neuralglm.optim.Optimizer#copy()}. Class names end in
 * {@code Optimizer} ({@code SgdOptimizer}, {@code AdamOptimizer}, {@code LbfgsOptimizer}); the short names
 * users type ({@code SGD}, {@code Adam}, {@code LBFGS}) are {@link neuralglm.optim.Optimizers}' and the
 * Weka face's option specs'. SGD and Adam are {@link neuralglm.optim.ElementwiseOptimizer}s: each entry's update
 * reads only that entry, so a closure with threads may share an update among them
 * ({@link neuralglm.optim.Optimizer.Closure#update}).
 */
package neuralglm.optim;
