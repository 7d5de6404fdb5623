package neuralglm.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

import neuralglm.nn.Sequential;

/**
 * The network's shape as bytes: what the driver sends to the partitions once per fit (each step sends
 * the parameter vector, {@link neuralglm.nn.Parameters#flatten}). No Spark types.
 */
final class FlatParameters {

    private FlatParameters() {
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
