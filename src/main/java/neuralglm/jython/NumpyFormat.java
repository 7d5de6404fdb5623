package neuralglm.jython;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a numpy shim array (at most 2-d) as numpy 1.24 does with its default print options: {@code str(a)} is
 * {@code [1.5  2.   3.25]}, {@code repr(a)} is {@code array([1.5 , 2.  , 3.25])}.
 *
 * <p>Floats (numpy's {@code FloatingFormat}, floatmode {@code maxprec}, precision 8): each value's shortest
 * round-trip digits (of its float32 value for a float32 array), cut to 8 decimals by rounding the exact binary
 * value half to even; positional, aligned on the point (integer parts padded left, fractions padded right with
 * spaces), unless a non-zero magnitude is {@code >= 1e8} or {@code < 1e-4} or the largest is more than 1000 times
 * the smallest: then scientific, every mantissa padded with zeros to the longest fraction ({@code [1.0e-05
 * 1.5e+00]}). Whole numbers (int64) are right-aligned to the widest of min and max; bools print as {@code  True}
 * and {@code False}. Rows wrap at 75 characters; more than 1000 entries are summarised by the first and last three
 * along each axis, and only those decide the format. A repr shows {@code dtype=float32} (and an empty array's
 * dtype and shape), on a line of its own where it would pass 75 characters.
 */
public final class NumpyFormat {
    private static final int LINE_WIDTH = 75;
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;
    private static final int PRECISION = 8;

    private NumpyFormat() {
    }

    /**
     * @param t    the array's values (float64 storage)
     * @param kind "f", "i" or "b": float, int64 or bool
     * @param f32  whether the array is float32
     * @return numpy's {@code str(a)}
     */
    public static String str(Tensor t, String kind, boolean f32) {
        final double[] d = values(t, f32);
        final int[] shape = t.shape;
        if (shape.length == 0) {
            return scalarText(d[0], kind.charAt(0), f32);
        }
        if (d.length == 0) {
            return "[]";
        }
        return array(d, shape, kind.charAt(0), f32, " ", " ", LINE_WIDTH);
    }

    /**
     * @param t    the array's values (float64 storage)
     * @param kind "f", "i" or "b": float, int64 or bool
     * @param f32  whether the array is float32
     * @return numpy's {@code repr(a)}
     */
    public static String repr(Tensor t, String kind, boolean f32) {
        final double[] d = values(t, f32);
        final int[] shape = t.shape;
        final String prefix = "array(";
        final boolean impliedDtype = !f32 && d.length > 0;
        final String suffix = impliedDtype ? ")" : ",";
        final String body;
        if (shape.length == 0) {
            body = element(d, kind.charAt(0), f32, true).text(d[0]);
        } else if (d.length == 0) {
            body = shape.length == 1 ? "[]" : "[], shape=(" + shape[0] + (shape.length == 2 ? ", " + shape[1] : ",") + ")";
        } else {
            body = array(d, shape, kind.charAt(0), f32, ", ", " ".repeat(1 + prefix.length()),
                    LINE_WIDTH - suffix.length());
        }
        final String text = prefix + body + suffix;
        if (impliedDtype) {
            return text;
        }
        final String dtype = "dtype=" + (f32 ? "float32" : kind.equals("f") ? "float64" : kind.equals("i") ? "int64" : "bool") + ")";
        final int lastLine = text.length() - (text.lastIndexOf('\n') + 1);
        return text + (lastLine + dtype.length() + 1 > LINE_WIDTH ? "\n" + " ".repeat(prefix.length()) : " ") + dtype;
    }

    private static double[] values(Tensor t, boolean f32) {
        final int n = t.numel();
        final double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            final double v = t.data.data[i];
            d[i] = f32 ? (float) v : v;
        }
        return d;
    }

    // ---------------------------------------------------------------- layout (numpy's _formatArray)

    private static String array(double[] d, int[] shape, char kind, boolean f32, String separator,
                                String nextLinePrefix, int lineWidth) {
        final boolean summarise = d.length > THRESHOLD;
        final Element element = element(shown(d, shape, summarise), kind, f32, shape.length == 0);
        return new Layout(d, shape, element, separator, summarise).recurse(0, 0, nextLinePrefix, lineWidth);
    }

    /** @return the values a summary shows (the first and last three along each axis), or all of them */
    private static double[] shown(double[] d, int[] shape, boolean summarise) {
        if (!summarise) {
            return d;
        }
        final int rows = shape.length == 2 ? shape[0] : 1;
        final int cols = shape[shape.length - 1];
        final List<Double> kept = new ArrayList<>();
        for (int r : edges(rows)) {
            for (int c : edges(cols)) {
                kept.add(d[r * cols + c]);
            }
        }
        return kept.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static int[] edges(int n) {
        if (n <= 2 * EDGE) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        return new int[] {0, 1, 2, n - 3, n - 2, n - 1};
    }

    private interface Element {
        String text(double v);
    }

    private static final class Layout {
        private final double[] d;
        private final int[] shape;
        private final Element element;
        private final String separator;
        private final boolean summarise;

        Layout(double[] d, int[] shape, Element element, String separator, boolean summarise) {
            this.d = d;
            this.shape = shape;
            this.element = element;
            this.separator = separator;
            this.summarise = summarise;
        }

        String recurse(int axis, int offset, String hanging, int width) {
            final String nextHanging = hanging + " ";
            final int nextWidth = width - 1;
            final int n = shape[axis];
            final int stride = axis == shape.length - 1 ? 1 : shape[shape.length - 1];
            final boolean summary = summarise && 2 * EDGE < n;
            final int leading = summary ? EDGE : 0;
            final int trailing = summary ? EDGE : n;
            final StringBuilder s = new StringBuilder();
            if (axis == shape.length - 1) {
                final int elementWidth = width - Math.max(separator.strip().length(), 1);
                final StringBuilder line = new StringBuilder(hanging);
                for (int i = 0; i < leading; i++) {
                    extend(s, line, element.text(d[offset + i]), elementWidth, hanging);
                    line.append(separator);
                }
                if (summary) {
                    extend(s, line, "...", elementWidth, hanging);
                    line.append(separator);
                }
                for (int i = trailing; i > 1; i--) {
                    extend(s, line, element.text(d[offset + n - i]), elementWidth, hanging);
                    line.append(separator);
                }
                extend(s, line, element.text(d[offset + n - 1]), elementWidth, hanging);
                s.append(line);
            } else {
                final String lineSeparator = separator.stripTrailing() + "\n";
                for (int i = 0; i < leading; i++) {
                    s.append(hanging).append(recurse(axis + 1, offset + i * stride, nextHanging, nextWidth)).append(lineSeparator);
                }
                if (summary) {
                    s.append(hanging).append("...").append(lineSeparator);
                }
                for (int i = trailing; i > 1; i--) {
                    s.append(hanging).append(recurse(axis + 1, offset + (n - i) * stride, nextHanging, nextWidth))
                            .append(lineSeparator);
                }
                s.append(hanging).append(recurse(axis + 1, offset + (n - 1) * stride, nextHanging, nextWidth));
            }
            return "[" + s.substring(hanging.length()) + "]";
        }

        /** numpy's _extendLine: the word on this line, or on a new one where it would pass the width */
        private static void extend(StringBuilder s, StringBuilder line, String word, int width, String nextLinePrefix) {
            final boolean wrap = line.length() + word.length() > width && line.length() > nextLinePrefix.length();
            if (wrap) {
                s.append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
                line.append(nextLinePrefix);
            }
            line.append(word);
        }
    }

    // ---------------------------------------------------------------- elements

    private static Element element(double[] d, char kind, boolean f32, boolean scalar) {
        switch (kind) {
            case 'b':
                return v -> v != 0 ? (scalar ? "True" : " True") : "False";
            case 'i': {
                long max = Long.MIN_VALUE, min = Long.MAX_VALUE;
                for (double v : d) {
                    max = Math.max(max, (long) v);
                    min = Math.min(min, (long) v);
                }
                final int width = Math.max(Long.toString(max).length(), Long.toString(min).length());
                return v -> pad(Long.toString((long) v), width);
            }
            default:
                return floats(d, f32);
        }
    }

    /** numpy's FloatingFormat.fillFormat and __call__ (floatmode 'maxprec', precision 8, sign '-') */
    private static Element floats(double[] d, boolean f32) {
        double max = 0, min = Double.POSITIVE_INFINITY;
        boolean anyFinite = false, nonFinite = false, negativeInfinity = false;
        for (double v : d) {
            if (!Double.isFinite(v)) {
                nonFinite = true;
                negativeInfinity |= v == Double.NEGATIVE_INFINITY;
                continue;
            }
            anyFinite = true;
            if (v != 0) {
                max = Math.max(max, Math.abs(v));
                min = Math.min(min, Math.abs(v));
            }
        }
        final boolean scientific = max != 0 && (max >= 1e8 || min < 1e-4 || max / min > 1000);
        int padLeft = 0, padRight = 0, precision = 0, exponentDigits = 0;
        if (anyFinite) {
            for (double v : d) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                if (scientific) {
                    final Scientific s = scientific(v, f32, 0);
                    padLeft = Math.max(padLeft, s.integer.length());
                    precision = Math.max(precision, s.fraction.length());
                    exponentDigits = Math.max(exponentDigits, s.exponentDigits().length());
                } else {
                    final String[] parts = positional(v, f32).split("\\.", -1);
                    padLeft = Math.max(padLeft, parts[0].length());
                    padRight = Math.max(padRight, parts[1].length());
                }
            }
            if (scientific) {
                padRight = exponentDigits + 2 + precision;
            }
        }
        if (nonFinite) {
            final int offset = padRight + 1;
            padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negativeInfinity ? 1 : 0) - offset));
        }
        final int left = padLeft, right = padRight, digits = precision, exponentWidth = exponentDigits;
        return v -> {
            if (!Double.isFinite(v)) {
                return pad(Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf", left + right + 1);
            }
            if (scientific) {
                final Scientific s = scientific(v, f32, digits);
                final String exponent = s.exponentDigits();
                return pad(s.integer, left) + "." + s.fraction + "e"
                        + (s.exponent < 0 ? "-" : "+") + "0".repeat(Math.max(0, exponentWidth - exponent.length())) + exponent;
            }
            final String[] parts = positional(v, f32).split("\\.", -1);
            return pad(parts[0], left) + "." + parts[1] + " ".repeat(right - parts[1].length());
        };
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }

    /** A value's digits in scientific notation: {@code integer.fraction e exponent}. */
    private static final class Scientific {
        final String integer;
        final String fraction;
        final int exponent;

        Scientific(String integer, String fraction, int exponent) {
            this.integer = integer;
            this.fraction = fraction;
            this.exponent = exponent;
        }

        /** @return the exponent's digits, at least two, as numpy's dragon4_scientific */
        String exponentDigits() {
            final String e = Integer.toString(Math.abs(exponent));
            return e.length() < 2 ? "0" + e : e;
        }
    }

    /**
     * @return numpy's dragon4_scientific(v, precision=8, unique=True, trim='.', min_digits=minFraction) as parts: the
     *         shortest digits, at most 8 decimals; where they are fewer than minFraction, the exact value rounded to
     *         minFraction decimals (a float32's next digits are its own, not zeros: 4.23099474e+10, shortest 4.2309947e+10)
     */
    private static Scientific scientific(double v, boolean f32, int minFraction) {
        final String sign = v < 0 || v == 0 && 1 / v < 0 ? "-" : "";
        if (v == 0) {
            return new Scientific(sign + "0", "0".repeat(minFraction), 0);
        }
        BigDecimal r = shortest(v, f32).abs().stripTrailingZeros();
        if (r.precision() > PRECISION + 1) {
            r = new BigDecimal(Math.abs(v)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        }
        if (r.precision() < minFraction + 1) {
            r = new BigDecimal(Math.abs(v)).round(new MathContext(minFraction + 1, RoundingMode.HALF_EVEN));
        }
        final String digits = r.unscaledValue().toString();
        final int exponent = r.precision() - r.scale() - 1;
        final String fraction = digits.substring(1);
        return new Scientific(sign + digits.charAt(0), fraction + "0".repeat(Math.max(0, minFraction - fraction.length())), exponent);
    }

    /** @return numpy's dragon4_positional(v, precision=8, unique=True, fractional=True, trim='.'): "2.", "-0.25" */
    private static String positional(double v, boolean f32) {
        final String sign = v < 0 || v == 0 && 1 / v < 0 ? "-" : "";
        if (v == 0) {
            return sign + "0.";
        }
        BigDecimal r = shortest(v, f32).abs();
        if (r.scale() > PRECISION) {
            r = new BigDecimal(Math.abs(v)).setScale(PRECISION, RoundingMode.HALF_EVEN);
        }
        r = r.stripTrailingZeros();
        if (r.scale() < 0) {
            r = r.setScale(0);
        }
        final String text = r.toPlainString();
        return sign + (text.contains(".") ? text : text + ".");
    }

    /**
     * @return the shortest decimal that reads back as v (as a float when f32): the exact value rounded half to even
     *         to the fewest significant digits that round-trip, as Python's repr and numpy's unique mode
     */
    static BigDecimal shortest(double v, boolean f32) {
        final BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p < 17; p++) {
            final BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (f32 ? r.floatValue() == (float) v : r.doubleValue() == v) {
                return r;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    /** @return a 0-d array's str: the scalar's, as Python 3's repr of a float ("5.0", "1e-05"), an int or a bool */
    private static String scalarText(double v, char kind, boolean f32) {
        if (kind == 'b') {
            return v != 0 ? "True" : "False";
        }
        if (kind == 'i') {
            return Long.toString((long) v);
        }
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        final String sign = v < 0 || v == 0 && 1 / v < 0 ? "-" : "";
        if (v == 0) {
            return sign + "0.0";
        }
        final BigDecimal r = shortest(v, f32).abs().stripTrailingZeros();
        final int exponent = r.precision() - r.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            final String digits = r.unscaledValue().toString();
            return sign + digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "") + "e"
                    + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        final String text = (r.scale() < 0 ? r.setScale(0) : r).toPlainString();
        return sign + (text.contains(".") ? text : text + ".0");
    }
}
