package neuralglm.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The half-line links (the canonical Gamma's {@code mu = -1/eta} and Inverse Gaussian's {@code mu = 1/sqrt(-2 eta)})
 * have a mean only for {@code eta < 0}: at and beyond the edge it is NaN, never a negative or infinite mean that a
 * prediction would report (Weka fuzz seed 6019487: -1/(+0) = -Infinity).
 */
class LinkDomainTest {

    @Test
    void halfLineLinksHaveNoMeanAtOrBeyondTheirEdge() {
        for (Link link : new Link[] {Link.NEGATIVE_INVERSE, Link.NEGATIVE_HALF_INVERSE_SQUARED}) {
            for (double eta : new double[] {0.0, -0.0, Double.MIN_VALUE, 1e-300, 0.5, 1e300, Double.POSITIVE_INFINITY,
                Double.NaN}) {
                assertTrue(Double.isNaN(link.inverse(eta)), link + " at eta = " + eta + ": " + link.inverse(eta));
                assertTrue(!link.inDomain(eta), link + " at eta = " + eta);
            }
        }
    }

    @Test
    void halfLineLinksMeansInsideTheirDomainAreTheClosedForms() {
        // mu = -1/eta: eta = -4 -> 0.25, eta = -1e-300 -> 1e300; mu = 1/sqrt(-2 eta): eta = -0.125 -> 2, -2 -> 0.5
        assertEquals(0.25, Link.NEGATIVE_INVERSE.inverse(-4.0), 0.0);
        assertEquals(1e300, Link.NEGATIVE_INVERSE.inverse(-1e-300), 1e285);
        assertEquals(Double.POSITIVE_INFINITY, Link.NEGATIVE_INVERSE.inverse(-Double.MIN_VALUE));
        assertEquals(2.0, Link.NEGATIVE_HALF_INVERSE_SQUARED.inverse(-0.125), 0.0);
        assertEquals(0.5, Link.NEGATIVE_HALF_INVERSE_SQUARED.inverse(-2.0), 0.0);
        // the families' means follow their links
        assertTrue(Double.isNaN(new GammaFamily(Link.NEGATIVE_INVERSE).mean(0.0)));
        assertTrue(Double.isNaN(new InverseGaussianFamily(Link.NEGATIVE_HALF_INVERSE_SQUARED).mean(0.0)));
        assertEquals(0.25, new GammaFamily(Link.NEGATIVE_INVERSE).mean(-4.0), 0.0);
    }
}
