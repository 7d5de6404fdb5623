/**
 * What a face needs around a fitted network, with no Weka or Jython types: input standardisation
 * and the map of GLM coefficients back to the original units ({@link neuralglm.model.Standardizer})
 * and the goodness-of-fit summary of a fit ({@link neuralglm.model.FitStatistics}).
 */
package neuralglm.model;
