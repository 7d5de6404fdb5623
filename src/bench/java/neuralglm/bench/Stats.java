package neuralglm.bench;

import java.util.Arrays;

/** Min, median and max of repeated timings (seconds). */
final class Stats {
    final double min;
    final double median;
    final double max;

    Stats(double[] seconds) {
        final double[] s = seconds.clone();
        Arrays.sort(s);
        this.min = s[0];
        this.max = s[s.length - 1];
        final int m = s.length / 2;
        this.median = s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }
}
