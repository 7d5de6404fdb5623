package neuralglm.jython;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a tensor as PyTorch 1.13's {@code _tensor_str} does, under {@code torch.set_printoptions} (precision 4,
 * threshold 1000, edgeitems 3, linewidth 80, sci_mode None by default; profiles 'default', 'short', 'full').
 *
 * <p>One format for all entries of a float tensor, chosen from its finite non-zero values (only those a summary
 * shows): int mode when all are whole ({@code 1.}), scientific when the largest is more than 1000 times the smallest
 * or above 1e8 (or, not in int mode, the smallest below 1e-4), else {@code precision} decimals; sci_mode forces it
 * either way. Entries are right-aligned to the widest; a row holds {@code (linewidth - indent) / (width + 2)}
 * entries; more than {@code threshold} entries are summarised by the first and last {@code edgeitems} along each
 * dimension. A float32 (float16) tensor prints its values rounded to float32 (float16), as {@link Tensor#held} gives
 * them (195000.00000000003 is 195000); suffixes ({@code dtype=}, {@code grad_fn=}, {@code requires_grad=True}) go
 * after ", " or on a line of their own where the line would pass linewidth.
 */
public final class TensorPrinter {
    private static int precision = 4;
    private static double threshold = 1000;
    private static int edgeitems = 3;
    private static int linewidth = 80;
    private static Boolean sciMode;

    private TensorPrinter() {
    }

    /**
     * {@code torch.set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None,
     * sci_mode=None)}: a profile sets precision, threshold, edgeitems and linewidth first; the others override it;
     * sci_mode is set as given (None: automatic).
     *
     * @param args the options, positional in PyTorch's order
     * @param kws  keyword names
     */
    public static void set_printoptions(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("set_printoptions", args, kws, "precision", "threshold", "edgeitems", "linewidth",
                "profile", "sci_mode");
        final org.python.core.PyObject profile = a.get("profile");
        if (profile != null && profile != org.python.core.Py.None) {
            switch (profile.toString()) {
                case "default": precision = 4; threshold = 1000; edgeitems = 3; linewidth = 80; break;
                case "short": precision = 2; threshold = 1000; edgeitems = 2; linewidth = 80; break;
                case "full": precision = 4; threshold = Double.POSITIVE_INFINITY; edgeitems = 3; linewidth = 80; break;
                default: throw Errors.value("set_printoptions: profile must be 'default', 'short' or 'full', got '" + profile + "'");
            }
        }
        if (given(a.get("precision"))) {
            precision = nonNegative(a.get("precision"), "precision");
        }
        if (given(a.get("threshold"))) {
            threshold = a.get("threshold").asDouble();
        }
        if (given(a.get("edgeitems"))) {
            edgeitems = nonNegative(a.get("edgeitems"), "edgeitems");
        }
        if (given(a.get("linewidth"))) {
            linewidth = nonNegative(a.get("linewidth"), "linewidth");
        }
        final org.python.core.PyObject sci = a.get("sci_mode");
        sciMode = sci == null || sci == org.python.core.Py.None ? null : sci.__nonzero__();
    }

    /** Back to PyTorch's defaults (a fresh interpreter's). */
    static void reset() {
        precision = 4;
        threshold = 1000;
        edgeitems = 3;
        linewidth = 80;
        sciMode = null;
    }

    private static boolean given(org.python.core.PyObject v) {
        return v != null && v != org.python.core.Py.None;
    }

    private static int nonNegative(org.python.core.PyObject v, String name) {
        final int n = v.asInt();
        if (n < 0) {
            throw Errors.value("set_printoptions: " + name + " must be >= 0, got " + n);
        }
        return n;
    }

    /** @return the tensor as PyTorch prints it */
    static String print(Tensor t) {
        final int n = t.numel();
        final double[] d = t.heldValues();
        final boolean summarise = n > threshold;
        final Formatter f = new Formatter(summarise ? summarised(d, t.shape) : d, t.integral);
        final StringBuilder sb = new StringBuilder("tensor(");
        final List<String> suffixes = new ArrayList<>();
        final int indent = "tensor(".length();
        switch (n == 0 ? -1 : t.shape.length) {
            case -1: // empty: its size unless 1-d, and its dtype unless the default float (no entry shows it), as PyTorch
                sb.append("[]");
                if (t.shape.length != 1) {
                    suffixes.add("size=(" + t.shape[0] + (t.shape.length == 2 ? ", " + t.shape[1] : ",") + ")");
                }
                if (t.getDtype() != DType.defaultFloat()) {
                    suffixes.add("dtype=" + t.getDtype());
                }
                break;
            case 0:
                sb.append(f.format(d[0]));
                break;
            case 1:
                sb.append(vector(d, 0, t.shape[0], indent, summarise, f));
                break;
            default: {
                final int r = t.shape[0], c = t.shape[1];
                final List<String> slices = new ArrayList<>();
                final boolean rows = summarise && r > 2 * edgeitems;
                for (int i = 0; i < r; i++) {
                    if (rows && i == edgeitems) {
                        slices.add("...");
                        i = r - edgeitems;
                    }
                    slices.add(vector(d, i * c, c, indent + 1, summarise, f));
                }
                sb.append('[').append(String.join(",\n" + " ".repeat(indent + 1), slices)).append(']');
            }
        }
        if (n > 0 && (t.integral == DType.INT32 || t.integral == null && t.floatDtype() != DType.defaultFloat())) {
            suffixes.add("dtype=" + t.getDtype());
        }
        if (t.node != null) {
            suffixes.add("grad_fn=<" + t.node.name + ">");
        } else if (t.requiresGrad) {
            suffixes.add("requires_grad=True");
        }
        return addSuffixes(sb, suffixes, indent).append(')').toString();
    }

    /** @return PyTorch's get_summarized_data: the first and last edgeitems along each dimension */
    private static double[] summarised(double[] d, int[] shape) {
        final int rows = shape.length == 2 ? shape[0] : 1;
        final int cols = shape.length == 0 ? 1 : shape[shape.length - 1];
        final List<Double> kept = new ArrayList<>();
        for (int r : edges(rows, shape.length == 2)) {
            for (int c : edges(cols, true)) {
                kept.add(d[r * cols + c]);
            }
        }
        return kept.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int[] edges(int n, boolean cut) {
        if (!cut || n <= 2 * edgeitems) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        final int[] e = new int[2 * edgeitems];
        for (int k = 0; k < edgeitems; k++) {
            e[k] = k;
            e[edgeitems + k] = n - edgeitems + k;
        }
        return e;
    }

    /** PyTorch's _vector_str: the entries right-aligned, {@code ' ...'} between the edges of a summarised row. */
    private static String vector(double[] d, int off, int n, int indent, boolean summarise, Formatter f) {
        final int perLine = Math.max(1, (linewidth - indent) / (f.width + 2));
        final List<String> data = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            if (summarise && n > 2 * edgeitems && j == edgeitems) {
                data.add(" ...");
                j = n - edgeitems;
            }
            data.add(f.format(d[off + j]));
        }
        final List<String> lines = new ArrayList<>();
        for (int k = 0; k < data.size(); k += perLine) {
            lines.add(String.join(", ", data.subList(k, Math.min(data.size(), k + perLine))));
        }
        return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
    }

    /**
     * PyTorch's {@code _add_suffixes}: each suffix after ", " on the last line, or on a line of its own, indented
     * under the first bracket, where the line would pass linewidth.
     */
    private static StringBuilder addSuffixes(StringBuilder sb, List<String> suffixes, int indent) {
        int lastLine = sb.length() - sb.lastIndexOf("\n") + 1; // PyTorch's count, 2 more than the line without a newline
        for (String suffix : suffixes) {
            if (lastLine + suffix.length() + 2 > linewidth) {
                sb.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLine = indent + suffix.length();
            } else {
                sb.append(", ").append(suffix);
                lastLine += suffix.length() + 2;
            }
        }
        return sb;
    }

    /** PyTorch's _Formatter: the mode and width of one tensor's entries. */
    private static final class Formatter {
        private final DType integral;
        private boolean intMode = true;
        private boolean sci;
        private int width = 1;

        Formatter(double[] d, DType integral) {
            this.integral = integral;
            if (integral != null) {
                for (double v : d) {
                    width = Math.max(width, whole(v).length());
                }
                return;
            }
            double max = 0, min = Double.POSITIVE_INFINITY;
            boolean any = false;
            for (double v : d) {
                if (Double.isFinite(v) && v != 0) {
                    any = true;
                    max = Math.max(max, Math.abs(v));
                    min = Math.min(min, Math.abs(v));
                    intMode &= v == Math.ceil(v);
                }
            }
            if (any) {
                sci = intMode ? max / min > 1000 || max > 1e8 : max / min > 1000 || max > 1e8 || min < 1e-4;
                for (double v : d) {
                    if (Double.isFinite(v) && v != 0) {
                        width = Math.max(width, sci ? scientific(v).length() : intMode ? String.format(Locale.ROOT, "%.0f", v).length() + 1
                                : fixed(v).length());
                    }
                }
            }
            if (sciMode != null) {
                sci = sciMode;
            }
        }

        private String whole(double v) {
            return integral == DType.BOOL ? (v != 0 ? "True" : "False") : Long.toString((long) v);
        }

        String format(double v) {
            final String text;
            if (integral != null) {
                text = whole(v);
            } else if (Double.isNaN(v)) {
                text = "nan";
            } else if (Double.isInfinite(v)) {
                text = v > 0 ? "inf" : "-inf";
            } else if (sci) {
                text = scientific(v);
            } else if (intMode) {
                text = String.format(Locale.ROOT, "%.0f.", v);   // -0. keeps its sign, as PyTorch's
            } else {
                text = fixed(v);
            }
            return " ".repeat(Math.max(0, width - text.length())) + text;
        }
    }

    /** @return Python's '%.{precision}f' % v: the exact value rounded half to even (0.0312 for 0.03125 at 4) */
    private static String fixed(double v) {
        final String t = new BigDecimal(v).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return v < 0 && !t.startsWith("-") || v == 0 && 1 / v < 0 ? "-" + t : t;
    }

    /** @return Python's '%.{precision}e' % v: the exact value rounded half to even to precision + 1 digits */
    private static String scientific(double v) {
        final String zeros = "0".repeat(precision);
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0" + (precision > 0 ? "." + zeros : "") + "e+00";
        }
        final BigDecimal r = new BigDecimal(v).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        final int exponent = r.precision() - r.scale() - 1;
        final StringBuilder digits = new StringBuilder(r.unscaledValue().abs().toString());
        while (digits.length() < precision + 1) {
            digits.append('0');
        }
        return (v < 0 ? "-" : "") + digits.charAt(0) + (precision > 0 ? "." + digits.substring(1, precision + 1) : "")
                + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
}
