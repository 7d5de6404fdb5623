/**
 * Exponential-family output distributions and their links, in eta space: mean, NLL and its gradient
 * in eta, deviance, variance function, dispersion, target domain; and what each family knows about
 * itself beyond training (its response distribution from {@code neuralglm.dist}, its maximum-likelihood
 * dispersion, its label coding). {@link neuralglm.family.Families} is the one registry of names.
 * Class names end in {@code Family} ({@code PoissonFamily}; the exponential distribution's is
 * {@code ExponentialDistributionFamily}); the short names users type ({@code Poisson}) are the registry's
 * and the Weka face's option specs'.
 * Pure maths; no Weka. Imports {@code neuralglm.dist}'s distribution classes (see that package for why).
 */
package neuralglm.family;
