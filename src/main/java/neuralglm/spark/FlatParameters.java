package neuralglm.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.List;

import neuralglm.nn.Parameter;
import neuralglm.nn.Sequential;

/**
 * The parameters of a network as one vector (layer order, row-major within a parameter) and the
 * network's shape as bytes: what the driver sends to the partitions each step (the vector) and once
 * per fit (the shape). No Spark types.
 */
final class FlatParameters {

    private FlatParameters() {
    }

    /** @return the values of {@code params} laid end to end */
    static double[] values(List<Parameter> params) {
        final double[] flat = new double[size(params)];
        int o = 0;
        for (Parameter p : params) {
            System.arraycopy(p.value().data, 0, flat, o, p.size());
            o += p.size();
        }
        return flat;
    }

    /** @return the gradients of {@code params} laid end to end, into {@code flat} from index 0 */
    static void gradients(List<Parameter> params, double[] flat) {
        int o = 0;
        for (Parameter p : params) {
            System.arraycopy(p.grad().data, 0, flat, o, p.size());
            o += p.size();
        }
    }

    /** Sets the values of {@code params} from {@code flat}. */
    static void setValues(List<Parameter> params, double[] flat) {
        int o = 0;
        for (Parameter p : params) {
            System.arraycopy(flat, o, p.value().data, 0, p.size());
            o += p.size();
        }
    }

    /** Sets the gradients of {@code params} to {@code scale * flat}. */
    static void setGradients(List<Parameter> params, double[] flat, double scale) {
        int o = 0;
        for (Parameter p : params) {
            final double[] g = p.grad().data;
            for (int i = 0; i < p.size(); i++) {
                g[i] = flat[o + i] * scale;
            }
            o += p.size();
        }
    }

    /** @return the number of scalars in {@code params} */
    static int size(List<Parameter> params) {
        int n = 0;
        for (Parameter p : params) {
            n += p.size();
        }
        return n;
    }

    /** @return the network serialised (its shape and current values) */
    static byte[] toBytes(Sequential net) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(net);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise the network " + net, e);
        }
        return bytes.toByteArray();
    }

    /** @return an independent copy of the network serialised by {@link #toBytes} */
    static Sequential fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Sequential) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot deserialise the network", e);
        }
    }
}
