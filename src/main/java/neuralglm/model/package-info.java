/**
 * What a face needs around a fitted network, with no Weka or Jython types: input standardisation
 * and the map of GLM coefficients back to the original units ({@link neuralglm.model.Standardizer})
 * and the goodness-of-fit summary of a fit ({@link neuralglm.model.FitStatistics}), and a network
 * trained on a table with everything needed to predict from raw cells again
 * ({@link neuralglm.model.TabularModel}: the {@link neuralglm.model.TabularEncoder} of the features,
 * fitted from one pass of {@link neuralglm.model.TableStats}, and the
 * {@link neuralglm.model.LabelCoding} of the label), which {@code neuralglm.spark} produces and the
 * Weka face imports.
 */
package neuralglm.model;
