package neuralglm.linalg;

/**
 * Rows per call of a pass over every row that runs once per build (input checks, target checks, weight sums, the
 * final fit statistics): such a loop is written as a method over rows {@code i0 .. i1 - 1}, called for consecutive
 * blocks of {@value #ROWS} rows, the running results carried from call to call in row order (the same numbers as one
 * loop). Why: HotSpot compiles a method called once with one long loop only on the loop's back edges (on-stack
 * replacement), and that code is discarded where the loop ends, so the next builds ran the loop in the interpreter and
 * the profiling tier again; a method called for every block is compiled as any other, in the first build.
 */
public final class RowBlocks {

    /** Rows per call. */
    public static final int ROWS = 4096;

    private RowBlocks() {
    }

    /**
     * @param i0 the first row of a block
     * @param n  the number of rows
     * @return the end (exclusive) of the block that starts at i0: {@code min(n, i0 + ROWS)}
     */
    public static int end(int i0, int n) {
        return Math.min(n, i0 + ROWS);
    }
}
