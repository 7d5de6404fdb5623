package neuralglm.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} and {@code --flag} command-line options. */
final class BenchArgs {
    private final Map<String, String> values = new HashMap<>();

    BenchArgs(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected an option --name [value], got " + args[i]);
            }
            final String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(name, args[++i]);
            } else {
                values.put(name, "true");
            }
        }
    }

    int integer(String name, int dflt) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : dflt;
    }

    double real(String name, double dflt) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : dflt;
    }

    String string(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    List<String> list(String name, List<String> dflt) {
        return values.containsKey(name) ? Arrays.asList(values.get(name).split(",")) : dflt;
    }
}
