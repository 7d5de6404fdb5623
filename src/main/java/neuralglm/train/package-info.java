/**
 * The training loop: full batch or shuffled mini-batches, instance weights, epochs, loss trace,
 * progress, interruption and divergence detection. The loop asks the family for the gradient at
 * eta; it has no loss function of its own.
 */
package neuralglm.train;
