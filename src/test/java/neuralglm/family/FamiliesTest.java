package neuralglm.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The registry: every name it lists makes the family of that name, and the family gives back the
 * parameter it was made with ({@link Family#familyParameter()}, what a plain model file stores), NaN
 * for a family without one.
 */
class FamiliesTest {

    @Test
    void everyEntryMakesItsFamilyAndReturnsItsParameter() {
        for (Families.Entry e : Families.entries()) {
            final double p = e.parameterName() == null ? Double.NaN : 1.25;
            final Family f = Families.byName(e.name().toLowerCase(java.util.Locale.ROOT), p, false);
            assertEquals(e.name(), f.name());
            if (e.parameterName() == null) {
                assertTrue(Double.isNaN(f.familyParameter()), e.name());
            } else {
                assertEquals(1.25, f.familyParameter(), 0.0, e.name());
            }
        }
        assertEquals(Families.NAMES.size(), Families.entries().size());
    }
}
