/**
 * Layers and networks with hand-written backpropagation: {@link neuralglm.nn.Layer} (forward caches,
 * backward returns the input gradient and accumulates parameter gradients), {@link neuralglm.nn.Linear},
 * the activations and {@link neuralglm.nn.Sequential}.
 */
package neuralglm.nn;
