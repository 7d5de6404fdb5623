package neuralglm.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The rows of an n x d input matrix, read a few at a time into the caller's buffer, so that the matrix need not be
 * held as one array: a {@link #dense} matrix, or a face's data read and standardised on demand (the Weka face's
 * instances). Row i of the source is the same d numbers at every read.
 */
public interface RowSource {

    /** @return n, the number of rows */
    int numRows();

    /** @return d, the number of columns */
    int numCols();

    /**
     * Copies rows {@code index[from], ..., index[from + count - 1]} into {@code out}, row-major from 0.
     *
     * @param index row numbers. Not modified.
     * @param from  the first position of index to read
     * @param count the number of rows
     * @param out   receives count x d values. Modified.
     */
    void gather(int[] index, int from, int count, double[] out);

    /**
     * Copies rows {@code first .. first + count - 1} into {@code out}, row-major from 0.
     *
     * @param first the first row
     * @param count the number of rows
     * @param out   receives count x d values. Modified.
     */
    void range(int first, int count, double[] out);

    /**
     * @return true when every value of the source is known to be finite without reading it (e.g. inputs bounded by a
     *         check and standardised by scales not below a bound): {@code train.DataChecks} then skips its pass over
     *         the rows. False (the default) when the rows must be read to know.
     */
    default boolean knownFinite() {
        return false;
    }

    /**
     * @param x an n x d matrix. Not copied: the source reads it as it is at each call.
     * @return its rows
     */
    static RowSource dense(DMatrixRMaj x) {
        return new RowSource() {
            @Override
            public int numRows() {
                return x.numRows;
            }

            @Override
            public int numCols() {
                return x.numCols;
            }

            @Override
            public void gather(int[] index, int from, int count, double[] out) {
                final int d = x.numCols;
                for (int r = 0; r < count; r++) {
                    System.arraycopy(x.data, index[from + r] * d, out, r * d, d);
                }
            }

            @Override
            public void range(int first, int count, double[] out) {
                System.arraycopy(x.data, first * x.numCols, out, 0, count * x.numCols);
            }
        };
    }
}
