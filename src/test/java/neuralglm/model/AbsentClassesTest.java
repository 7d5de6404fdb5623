package neuralglm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The floor against the add-half estimate written out by hand. */
class AbsentClassesTest {

    @Test
    void absentClassesGetTheAddHalfFloorAndPresentOnesKeepTheirRatios() {
        // 5 classes, weights 3, 0, 1.5, 0, 2.5: n_w = 7, p0 = 0.5 / (7 + 2.5) = 1/19
        final AbsentClasses a = AbsentClasses.of(new double[] {3, 0, 1.5, 0, 2.5});
        assertArrayEquals(new int[] {1, 3}, a.classes());
        assertEquals(7.0, a.totalWeight());
        assertEquals(1.0 / 19.0, a.floor(), 1e-17);
        final double[] q = {0.5, 1e-300, 0.2, 3e-301, 0.3 - 1.3e-300};
        final double[] p = {9, 9, 0.5, 1e-300, 0.2, 3e-301, 0.3 - 1.3e-300};
        a.apply(p, 2);
        assertEquals(9.0, p[0]);
        assertEquals(9.0, p[1]);
        assertEquals(1.0 / 19.0, p[3], 1e-17);
        assertEquals(1.0 / 19.0, p[5], 1e-17);
        final double share = 17.0 / 19.0;   // 1 - 2/19: the present classes' (7 + 1.5) / 9.5
        assertEquals(share * 0.5, p[2], 1e-15);
        assertEquals(share * 0.2, p[4], 1e-15);
        assertEquals(share * 0.3, p[6], 1e-15);
        assertEquals(q[0] / q[2], p[2] / p[4], 1e-14);
        double s = 0;
        for (int c = 2; c < 7; c++) {
            s += p[c];
        }
        assertEquals(1.0, s, 1e-15);
    }

    @Test
    void theNetworksShareForAnAbsentClassIsDropped() {
        // a network that gave the absent class 0.4: the present 0.3 and 0.3 keep their 1:1 ratio
        final AbsentClasses a = new AbsentClasses(3, new int[] {0}, 1.0);
        final DMatrixRMaj mu = new DMatrixRMaj(1, 3, true, 0.4, 0.3, 0.3);
        a.apply(mu);
        final double p0 = 0.5 / 2.5;
        assertArrayEquals(new double[] {p0, (1 - p0) / 2, (1 - p0) / 2}, mu.data, 1e-15);
    }

    @Test
    void theMostProbableClassStaysPresent() {
        // the worst case: many absent classes, little weight, present probabilities equal
        final AbsentClasses a = new AbsentClasses(19, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
                1e-3);
        final double[] p = new double[19];
        p[17] = 0.5;
        p[18] = 0.5;
        a.apply(p, 0);
        assertTrue(p[17] > a.floor() && p[18] > a.floor(), () -> p[17] + " vs " + a.floor());
    }

    @Test
    void binaryTargetsAndWeightsCount() {
        final DMatrixRMaj y = new DMatrixRMaj(3, 1, true, 1, 1, 1);
        assertArrayEquals(new double[] {0, 3.5}, AbsentClasses.classWeights(y, new double[] {1, 2, 0.5}, 2));
        final DMatrixRMaj oneHot = new DMatrixRMaj(2, 3, true, 0, 1, 0, 0, 0, 1);
        assertArrayEquals(new double[] {0, 2, 0.25}, AbsentClasses.classWeights(oneHot, new double[] {2, 0.25}, 3));
        assertNull(AbsentClasses.of(new double[] {1, 2}));
        // a zero-weight instance of class 1 does not make it present
        assertArrayEquals(new int[] {0, 1}, AbsentClasses.of(AbsentClasses.classWeights(oneHot, new double[] {0, 1}, 3))
                .classes());
    }

    @Test
    void liftedBiasesGiveTheAbsentClassesAboutTheFloorUnderSoftmax() {
        // 4 classes, 1 and 3 absent, n_w = 5: p0 = 0.5 / 7. Present biases 700 and 698 (exp overflows unless the
        // largest is taken out). Softmax of the lifted biases: each absent class p0 S / (S + 2 p0 S) = p0 / (1 + 2 p0)
        final AbsentClasses a = AbsentClasses.of(new boolean[] {false, true, false, true}, 5);
        final double[] b = {700, -690.8, 698, -690.8};
        a.liftBiases(b);
        assertEquals(700.0, b[0]);
        assertEquals(698.0, b[2]);
        assertEquals(b[1], b[3]);
        final double p0 = 0.5 / 7, logS = 700 + Math.log(1 + Math.exp(-2));
        assertEquals(Math.log(p0) + logS, b[1], 1e-12);
        final double absentShare = Math.exp(b[1] - logS) / (1 + 2 * Math.exp(b[1] - logS));
        assertEquals(p0 / (1 + 2 * p0), absentShare, 1e-12);
        assertThrows(IllegalArgumentException.class, () -> a.liftBiases(new double[3]));
    }

    @Test
    void flagsMakeTheSameSetAsWeights() {
        assertEquals(AbsentClasses.of(new double[] {2, 0, 1}), AbsentClasses.of(new boolean[] {false, true, false}, 3));
        assertNull(AbsentClasses.of(new boolean[] {false, false}, 3));
        assertNull(AbsentClasses.of(new boolean[] {true, true}, 3));
        assertNull(AbsentClasses.of(new boolean[] {true, false}, 0));
    }

    @Test
    void describesEachClass() {
        final AbsentClasses a = new AbsentClasses(3, new int[] {0, 2}, 3.5);
        assertEquals("class value 'a' has no training instances: predicted with a floor probability 0.100000; "
                + "class value 'c' has no training instances: predicted with a floor probability 0.100000",
                a.describe(new String[] {"a", "b", "c"}));
    }

    @Test
    void refusesInconsistentSets() {
        assertThrows(IllegalArgumentException.class, () -> new AbsentClasses(3, new int[] {2, 1}, 1));
        assertThrows(IllegalArgumentException.class, () -> new AbsentClasses(3, new int[] {0, 1, 2}, 1));
        assertThrows(IllegalArgumentException.class, () -> new AbsentClasses(3, new int[] {3}, 1));
        assertThrows(IllegalArgumentException.class, () -> new AbsentClasses(3, new int[] {0}, 0));
    }
}
