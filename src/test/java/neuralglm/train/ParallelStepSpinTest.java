package neuralglm.train;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import neuralglm.train.ParallelStep.SpinPolicy;
import org.junit.jupiter.api.Test;

/**
 * {@link ParallelStep.SpinPolicy}: after its minimum spin a waiting thread goes on spinning only while both it and
 * the thread it waits for had a core (CPU time at least half the wall time since the last look), and never past the
 * maximum; after a lost core its next CALM waits stop at the minimum. The decision is a function of the times it is given, so it is checked here without timing anything.
 */
class ParallelStepSpinTest {

    private static final long CHECK = SpinPolicy.CHECK;

    @Test
    void spinsWhileBothThreadsRun() {
        final long spun = SpinPolicy.MIN_SPIN + CHECK;
        assertTrue(SpinPolicy.keepSpinning(spun, CHECK, CHECK, CHECK));
        assertTrue(SpinPolicy.keepSpinning(spun, CHECK, CHECK / 2, CHECK / 2), "half the wall time on a core is enough");
        // the CPU clocks tick in coarser steps than the wall clock: a little more CPU than wall time is still running
        assertTrue(SpinPolicy.keepSpinning(spun, CHECK, CHECK + 1_000, CHECK));
    }

    @Test
    void parksWhenTheAwaitedThreadLostItsCore() {
        final long spun = SpinPolicy.MIN_SPIN + CHECK;
        assertFalse(SpinPolicy.keepSpinning(spun, CHECK, CHECK / 2 - 1, CHECK), "descheduled for most of the look");
        assertFalse(SpinPolicy.keepSpinning(spun, CHECK, 0, CHECK), "parked or descheduled all along");
        // a look delayed by a long deschedule of the waiting thread: the awaited one ran 30 of 100 us
        assertFalse(SpinPolicy.keepSpinning(spun, 100_000, 30_000, 100_000));
    }

    @Test
    void parksWhenTheWaitingThreadLostItsCore() {
        final long spun = SpinPolicy.MIN_SPIN + CHECK;
        // the waiting thread itself ran a fifth of the time: other threads want the cores, so it gives its own up
        assertFalse(SpinPolicy.keepSpinning(spun, CHECK, CHECK, CHECK / 5));
        assertFalse(SpinPolicy.keepSpinning(spun, 200_000, 200_000, 50_000));
    }

    @Test
    void parksWhenACpuTimeIsUnknown() {
        final long spun = SpinPolicy.MIN_SPIN + CHECK;
        assertFalse(SpinPolicy.keepSpinning(spun, CHECK, -1, CHECK), "the awaited thread ended or is not known");
        assertFalse(SpinPolicy.keepSpinning(spun, CHECK, CHECK, -1));
    }

    @Test
    void aLostCoreLimitsTheNextWaitsToTheMinimumSpin() {
        final SpinPolicy policy = new SpinPolicy();
        for (int k = 0; k < 3 * SpinPolicy.CALM; k++) {
            assertTrue(policy.startWait(), "a calm machine: every wait may spin past the minimum");
        }
        policy.lostCore();
        for (int k = 0; k < SpinPolicy.CALM; k++) {
            assertFalse(policy.startWait(), "wait " + k + " after a lost core");
        }
        assertTrue(policy.startWait(), "calm again after CALM waits");
        policy.lostCore();
        assertFalse(policy.startWait());
        policy.lostCore(); // another lost core starts the count again
        for (int k = 0; k < SpinPolicy.CALM; k++) {
            assertFalse(policy.startWait(), "wait " + k + " after the second lost core");
        }
        assertTrue(policy.startWait());
    }

    @Test
    void neverSpinsPastTheMaximum() {
        assertTrue(SpinPolicy.keepSpinning(SpinPolicy.MAX_SPIN - 1, CHECK, CHECK, CHECK));
        assertFalse(SpinPolicy.keepSpinning(SpinPolicy.MAX_SPIN, CHECK, CHECK, CHECK));
        assertFalse(SpinPolicy.keepSpinning(10 * SpinPolicy.MAX_SPIN, CHECK, CHECK, CHECK));
        assertTrue(SpinPolicy.MIN_SPIN < SpinPolicy.MAX_SPIN && SpinPolicy.CHECK > 0);
    }
}
