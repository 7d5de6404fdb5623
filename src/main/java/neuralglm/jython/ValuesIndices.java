package neuralglm.jython;

import java.util.Iterator;
import java.util.List;

/**
 * What {@code t.max(dim)} and {@code t.min(dim)} return, as PyTorch's {@code torch.return_types.max}:
 * a pair that unpacks ({@code values, indices = t.max(1)}, {@code _, predicted = torch.max(out, 1)}),
 * indexes ({@code t.max(1)[0]}) and names its parts ({@code .values}, {@code .indices}).
 */
public final class ValuesIndices implements Iterable<Tensor> {

    private final String kind;
    private final Tensor values;
    private final Tensor indices;

    ValuesIndices(String kind, Tensor values, Tensor indices) {
        this.kind = kind;
        this.values = values;
        this.indices = indices;
    }

    /** @return the extreme values (in the record) */
    public Tensor getValues() {
        return values;
    }

    /** @return their positions along the dimension (whole numbers, no gradient) */
    public Tensor getIndices() {
        return indices;
    }

    /** @param i 0 (values) or 1 (indices), negative counting from the end @return that part */
    public Tensor __getitem__(int i) {
        final int k = i < 0 ? i + 2 : i;
        if (k != 0 && k != 1) {
            throw Errors.index(kind + "(dim) gives 2 parts (values, indices), no index " + i);
        }
        return k == 0 ? values : indices;
    }

    /** @return 2 */
    public int __len__() {
        return 2;
    }

    @Override
    public Iterator<Tensor> iterator() {
        return List.of(values, indices).iterator();
    }

    @Override
    public String toString() {
        return "torch.return_types." + kind + "(\nvalues=" + values + ",\nindices=" + indices + ")";
    }
}
