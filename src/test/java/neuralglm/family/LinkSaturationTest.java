package neuralglm.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Link#meanSaturated}: the log link's mean exp(eta) is held at exp(709) beyond eta = 709 (the same mean for every
 * larger eta), and nowhere else does a link's mean stop following eta.
 */
class LinkSaturationTest {

    @Test
    void theLogLinksMeanStopsFollowingEtaExactlyWhereExpIsHeld() {
        assertFalse(Link.LOG.meanSaturated(709.0));
        assertTrue(Link.LOG.meanSaturated(Math.nextUp(709.0)));
        assertTrue(Link.LOG.meanSaturated(Double.POSITIVE_INFINITY));
        assertFalse(Link.LOG.meanSaturated(-1e300));
        assertFalse(Link.LOG.meanSaturated(Double.NaN));
        // where it says so, the mean is indeed the same for a larger eta; below, it still moves
        assertEquals(Link.LOG.inverse(709.5), Link.LOG.inverse(1e6));
        assertTrue(Link.LOG.inverse(708.9) < Link.LOG.inverse(709.0));
    }

    @Test
    void noOtherLinkSaturates() {
        for (Link link : Link.values()) {
            if (link != Link.LOG) {
                for (double eta : new double[] {-1e300, -800, -1, 0, 1, 800, 1e300}) {
                    assertFalse(link.meanSaturated(eta), link + " at " + eta);
                }
            }
        }
    }
}
