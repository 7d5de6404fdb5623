package neuralglm.jython;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ejml.data.DMatrixRMaj;

/**
 * Reverse-mode differentiation over the record of {@link Node}s: visits the tensors that the root
 * depends on in reverse topological order, sums the gradients reaching each one, and adds
 * ({@code +=}) the total into every leaf that requires a gradient. Gradients therefore accumulate
 * across calls until zeroed, as in PyTorch. As in PyTorch, a backward without {@code retain_graph=True} frees what
 * the operations saved for it, so a second backward through an operation that saved values ({@link Node#saves})
 * is refused with PyTorch's RuntimeError; the values stay in memory (the record is not emptied).
 */
final class Autograd {

    /** Whether operations are recorded, per thread ({@code torch.no_grad()} switches it off). */
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private Autograd() {
    }

    /** @return whether operations on this thread are recorded */
    static boolean enabled() {
        return ENABLED.get()[0];
    }

    /**
     * @param on whether operations on this thread are recorded from now on
     * @return the previous setting
     */
    static boolean setEnabled(boolean on) {
        final boolean[] flag = ENABLED.get();
        final boolean old = flag[0];
        flag[0] = on;
        return old;
    }

    /**
     * @param root   the tensor to differentiate
     * @param seed   {@code dL/d root}, the root's storage shape. Not modified.
     * @param retain whether the record may be run through again ({@code retain_graph=True}); otherwise its
     *               operations are marked freed
     * @throws org.python.core.PyException a {@code RuntimeError} when the record runs through an operation whose
     *                                     saved values an earlier backward freed (nothing is accumulated then)
     */
    static void backward(Tensor root, DMatrixRMaj seed, boolean retain) {
        final List<Tensor> order = topologicalOrder(root);
        for (Tensor t : order) {
            if (t.node != null && t.node.freed && t.node.saves) {
                throw Errors.runtime("backward(): trying to backward through the graph a second time: the values "
                        + t.node.name + " saved were freed by the previous backward(); give that backward "
                        + "retain_graph=True to backward through the graph again (or compute the output again)");
            }
        }
        if (!retain) {
            for (Tensor t : order) {
                if (t.node != null) {
                    t.node.freed = true;
                }
            }
        }
        final Map<Tensor, DMatrixRMaj> grads = new IdentityHashMap<>();
        grads.put(root, seed.copy());
        for (int i = order.size() - 1; i >= 0; i--) {
            final Tensor t = order.get(i);
            DMatrixRMaj g = grads.remove(t);
            if (g == null) {
                continue;
            }
            if (t.hooks != null && !t.hooks.isEmpty()) {
                g = t.applyHooks(g);
            }
            if (t.node == null) {
                if (t.requiresGrad) {
                    t.accumulateGrad(g);
                }
                continue;
            }
            if (t.retainsGrad) {   // retain_grad(): the gradient that passes through is kept, as a leaf's
                t.accumulateGrad(g);
            }
            final DMatrixRMaj[] gin = t.node.backward.apply(g);
            for (int j = 0; j < gin.length; j++) {
                final Tensor in = t.node.inputs[j];
                if (gin[j] == null || !in.needsGrad()) {
                    continue;
                }
                final DMatrixRMaj sum = grads.get(in);
                if (sum == null) {
                    grads.put(in, gin[j].copy());
                } else {
                    final double[] s = sum.data, d = gin[j].data;
                    for (int k = 0; k < s.length && k < d.length; k++) {
                        s[k] += d[k];
                    }
                }
            }
        }
    }

    /** @return the tensors the root depends on (root last), inputs before the tensors computed from them */
    private static List<Tensor> topologicalOrder(Tensor root) {
        final List<Tensor> order = new ArrayList<>();
        final Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        final Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        seen.add(root);
        while (!stack.isEmpty()) {
            final Object[] top = stack.peek();
            final Tensor t = (Tensor) top[0];
            final int next = (Integer) top[1];
            if (t.node != null && next < t.node.inputs.length) {
                top[1] = next + 1;
                final Tensor in = t.node.inputs[next];
                if (in.needsGrad() && seen.add(in)) {
                    stack.push(new Object[] {in, 0});
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }
}
