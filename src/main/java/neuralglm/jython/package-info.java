/**
 * The Jython face: a small PyTorch-like surface over the engine, and the only package with Python
 * special methods ({@code __add__}, {@code __call__}, {@code __getitem__}, ...).
 *
 * <p>{@link neuralglm.jython.Tensor} wraps a row-major matrix and records how it was computed, so
 * that {@code t.backward(gradient)} runs reverse-mode differentiation back to the leaves; a module
 * call such as {@code net(X)} is one step of that record, whose backward is the engine layer's own
 * {@code backward}, accumulating into the parameters' gradients. Optimisers, families and losses
 * wrap the engine's. Errors reach Python as the exception PyTorch raises ({@code RuntimeError}, {@code TypeError},
 * {@code ValueError}, {@code IndexError}, ...) with one-line messages. PyTorch's names live in the Python package {@code torch} of scripts/lib (with the numpy
 * and matplotlib shims, whose draws come from {@link neuralglm.jython.NumpyRandom}); every tensor
 * stores and computes in float64 and carries the {@link neuralglm.jython.DType} it stands for as a label. A bridge class that would share a
 * simple name with an engine class carries the prefix {@code Torch} ({@code TorchParameter},
 * {@code TorchSequential}, {@code TorchOptimizer}, {@code TorchSGD}, {@code TorchAdam}, {@code TorchFamily});
 * the {@code torch} package imports them under PyTorch's names. Jython is a {@code provided} dependency: it comes with whatever runs the scripts and is
 * never shipped in the Weka package.
 */
package neuralglm.jython;
