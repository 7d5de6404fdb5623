package neuralglm.family;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Test group 5: a target outside the family's domain, NaN or infinite, is refused with a
 * {@link DomainException} whose message names the family, the (first) row, the value and the domain.
 */
class BadTargetTest {

    static final double NAN = Double.NaN;
    static final double INF = Double.POSITIVE_INFINITY;

    static Stream<Arguments> violations() {
        final Stream.Builder<Arguments> b = Stream.builder();
        final Object[][] domainCases = {
            {new PoissonFamily(), -1.0, "y >= 0 (a count)"},
            {new PoissonFamily(), -1e-300, "y >= 0 (a count)"},
            {new GammaFamily(Link.LOG), 0.0, "y > 0"},
            {new GammaFamily(Link.LOG), -2.5, "y > 0"},
            {new GammaFamily(Link.NEGATIVE_INVERSE), 0.0, "y > 0"},
            {new InverseGaussianFamily(Link.LOG), 0.0, "y > 0"},
            {new InverseGaussianFamily(Link.NEGATIVE_HALF_INVERSE_SQUARED), -1.0, "y > 0"},
            {new ExponentialDistributionFamily(Link.LOG), 0.0, "y > 0"},
            {new BernoulliFamily(), 0.5, "y in {0, 1}"},
            {new BernoulliFamily(), 2.0, "y in {0, 1}"},
            {new BernoulliFamily(), -1.0, "y in {0, 1}"},
            {new BinomialFamily(), 1.5, "0 <= y <= 1 (a proportion of successes)"},
            {new BinomialFamily(), -0.1, "0 <= y <= 1 (a proportion of successes)"},
            {new NegativeBinomialFamily(0.5), -1.0, "y >= 0 (a count)"},
            {new TweedieFamily(1.0), -1.0, "y >= 0"},
            {new TweedieFamily(1.5), -0.25, "y >= 0"},
            {new TweedieFamily(2.0), 0.0, "y > 0"},
            {new TweedieFamily(3.0), 0.0, "y > 0"},
            {new TweedieFamily(3.0), -4.0, "y > 0"},
        };
        for (Object[] c : domainCases) {
            b.add(Arguments.of(c));
        }
        // NaN and infinities are refused by every scalar family
        final Family[] all = {new GaussianFamily(), new BernoulliFamily(), new BinomialFamily(), new PoissonFamily(), new GammaFamily(Link.LOG),
            new GammaFamily(Link.NEGATIVE_INVERSE), new InverseGaussianFamily(Link.LOG), new NegativeBinomialFamily(2), new TweedieFamily(1.5),
            new ExponentialDistributionFamily(Link.LOG)};
        for (Family f : all) {
            for (double v : new double[] {NAN, INF, -INF}) {
                b.add(Arguments.of(f, v, f.targetDomain()));
            }
        }
        return b.build();
    }

    /** Six targets valid for every scalar family, with {@code bad} at rows 3 and 5. */
    static DMatrixRMaj column(double bad) {
        return new DMatrixRMaj(6, 1, true, 1, 1, 1, bad, 1, bad);
    }

    @ParameterizedTest(name = "{0}: y = {1}")
    @MethodSource("violations")
    void domainViolationNamesRowValueAndDomain(Family f, double bad, String domain) {
        assertEquals(domain, f.targetDomain());
        if (Double.isFinite(bad)) {
            assertFalse(f.isValidTarget(bad));
        }
        final DomainException e = assertThrows(DomainException.class, () -> f.checkTargets(column(bad)));
        assertEquals(3, e.row(), "the first offending row");
        assertEquals(-1, e.column(), "a single-column target has no column");
        assertEquals(Double.doubleToLongBits(bad), Double.doubleToLongBits(e.value()));
        final String m = e.getMessage();
        assertTrue(m.startsWith(f.name() + " family"), m);
        assertTrue(m.contains("target value " + bad + " at row 3 "), m);
        assertTrue(m.contains("outside its domain " + domain), m);
    }

    @Test
    void valuesOnTheBoundaryOfTheDomainAreAccepted() {
        assertDoesNotThrow(() -> new PoissonFamily().checkTargets(column(0)));
        assertDoesNotThrow(() -> new NegativeBinomialFamily(1).checkTargets(column(0)));
        assertDoesNotThrow(() -> new TweedieFamily(1).checkTargets(column(0)));
        assertDoesNotThrow(() -> new TweedieFamily(1.5).checkTargets(column(0)));
        assertDoesNotThrow(() -> new BernoulliFamily().checkTargets(column(0)));
        assertDoesNotThrow(() -> new BinomialFamily().checkTargets(column(0)));
        assertDoesNotThrow(() -> new BinomialFamily().checkTargets(column(0.37)));
        assertDoesNotThrow(() -> new GammaFamily().checkTargets(column(1e-300)));
        assertDoesNotThrow(() -> new GaussianFamily().checkTargets(column(-1e300)));
    }

    @Test
    void scalarFamilyRefusesSeveralTargetColumns() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PoissonFamily().checkTargets(new DMatrixRMaj(3, 2)));
        assertEquals("Poisson family expects one target column, got 2", e.getMessage());
    }

    static DMatrixRMaj oneHot(double[] badRow) {
        final DMatrixRMaj y = new DMatrixRMaj(4, 3);
        y.set(0, 0, 1);
        y.set(1, 2, 1);
        y.set(3, 1, 1);
        for (int j = 0; j < 3; j++) {
            y.set(2, j, badRow[j]);
        }
        return y;
    }

    static Stream<Arguments> categoricalRowsNotSummingToOne() {
        return Stream.of(Arguments.of(new double[] {0, 0, 0}, "0.0"), Arguments.of(new double[] {1, 1, 0}, "2.0"),
                Arguments.of(new double[] {0.5, 0.2, 0}, "0.7"));
    }

    @ParameterizedTest(name = "row {0}")
    @MethodSource("categoricalRowsNotSummingToOne")
    void categoricalRowNotSummingToOneIsNamed(double[] row, String sum) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CategoricalFamily().checkTargets(oneHot(row)));
        assertEquals("Categorical family: target row 2 sums to " + sum + ", but a one-hot row must sum to 1", e.getMessage());
    }

    static Stream<Arguments> categoricalEntriesOutOfDomain() {
        return Stream.of(Arguments.of(new double[] {0, 1.5, -0.5}, 1, 1.5), Arguments.of(new double[] {0, 1, NAN}, 2, NAN),
                Arguments.of(new double[] {0, -INF, 1}, 1, -INF), Arguments.of(new double[] {0, 0.5, 0.5 + 1e-3}, -1, 0));
    }

    @ParameterizedTest(name = "row {0}")
    @MethodSource("categoricalEntriesOutOfDomain")
    void categoricalEntryOutsideZeroOneIsNamed(double[] row, int column, double value) {
        if (column < 0) {
            // in [0, 1] but summing to 1.001: the row-sum message
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CategoricalFamily().checkTargets(oneHot(row)));
            assertTrue(e.getMessage().contains("row 2 sums to 1.001"), e.getMessage());
            return;
        }
        final DomainException e = assertThrows(DomainException.class, () -> new CategoricalFamily().checkTargets(oneHot(row)));
        assertEquals(2, e.row());
        assertEquals(column, e.column());
        assertEquals("Categorical family: target value " + value + " at row 2 (column " + column
                + ") is outside its domain a one-hot row: entries in [0, 1] summing to 1", e.getMessage());
    }

    @Test
    void categoricalNeedsAtLeastTwoColumns() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalFamily().checkTargets(new DMatrixRMaj(3, 1)));
        assertTrue(e.getMessage().contains("at least 2 columns, got 1"), e.getMessage());
    }

    @Test
    void softCategoricalTargetsSummingToOneAreAccepted() {
        assertDoesNotThrow(() -> new CategoricalFamily().checkTargets(oneHot(new double[] {0.2, 0.3, 0.5})));
    }
}
