/**
 * Exponential-family output distributions and their links, in eta space: mean, NLL and its gradient
 * in eta, deviance, variance function, dispersion, target domain. Pure maths; no Weka.
 */
package neuralglm.family;
