package neuralglm.jython;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Long runs of the bridge's seeded draws ({@link TorchRandom}, {@link NumpyRandom}) against PyTorch 1.13's and numpy's
 * own: each run's values written little-endian (float32, float64 values rounded to float32 first; int64 for whole
 * numbers) and their CRC-32 compared with the one {@code scripts/cpython/random_fixtures.py} printed on CPython, so
 * one value off by one float32 ulp fails its case. The float64 normals differ from PyTorch's by an ulp of libm in
 * about 0.2% of the values (Java's log, sin and cos against glibc's), which the rounding to float32 hides.
 */
class TorchRandomTest {

    /** Printed by {@code /usr/bin/python3 scripts/cpython/random_fixtures.py} (PyTorch 1.13.0a0, numpy 1.24). */
    private static final String CPYTHON = """
            torch_randn_f32_100003 100003 0545b106 -372.97469821776485
            torch_rand_f32_100000 100000 9dab00e6 50087.05991214514
            torch_normal_f32_40000 40000 c83adda5 59999.8592890501
            torch_randn_f32_15x1000 15000 8dcd3095 190.69385344477632
            torch_rand_f64_50000 50000 08b2a097 24977.34255293532
            torch_randn_f64_50000 50000 65e209a8 -14.530612109973205
            torch_uniform_f32_30000 30000 28f924ac 6561.909660533656
            torch_randperm_5000 5000 9e03a3d1 12497500.0
            torch_randint_20000 20000 df58c30d 9961878983.0
            torch_poisson_8000 8000 29657c5a 240734.0
            torch_bernoulli_f32_20000 20000 76a6f49b 10015.0
            torch_bernoulli_f64_20000 20000 f79d24a5 10073.0
            torch_rand_bigseed_1000 1000 24c4fdf9 503.2962499856949
            numpy_rand_100000 100000 33f1be00 50128.94231758405
            numpy_randn_100001 100001 b99d941e 441.43420550494085
            numpy_randint_20000 20000 4a09efa0 10075786220.0
            numpy_permutation_5000 5000 a1efc8e4 12497500.0
            numpy_poisson_8000 8000 90569d1d 240549.0
            """;

    private static String expected(String name) {
        for (String line : CPYTHON.strip().split("\n")) {
            if (line.startsWith(name + " ")) {
                final String[] f = line.trim().split(" ");
                return f[1] + " " + f[2];
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** @return "count crc" of the values as float32 (or int64 when whole) */
    private static String summary(double[] values, boolean whole) {
        final ByteBuffer b = ByteBuffer.allocate(values.length * (whole ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (whole) {
                b.putLong((long) v);
            } else {
                b.putFloat((float) v);
            }
        }
        final CRC32 crc = new CRC32();
        crc.update(b.array());
        return values.length + " " + String.format("%08x", crc.getValue());
    }

    private static void check(String name, double[] values, boolean whole) {
        assertEquals(expected(name), summary(values, whole), name);
    }

    private static double[] normals(long seed, int n, double mean, double std, boolean float32) {
        final double[] d = new double[n];
        new TorchRandom(seed).normal(d, n, mean, std, float32);
        return d;
    }

    private static double[] doubles(long[] values) {
        final double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static Tensor vector(double[] values) {
        return Tensor.of(DMatrixRMaj.wrap(1, values.length, values), new int[] {values.length});
    }

    @Test
    void normalsAreTorchsAvx2BlocksAndSerialPairs() {
        check("torch_randn_f32_100003", normals(11, 100003, 0, 1, true), false);
        check("torch_normal_f32_40000", normals(13, 40000, 1.5, 0.01, true), false);
        check("torch_randn_f64_50000", normals(16, 50000, 0, 1, false), false);
        // fifteen at a time: the serial Box-Muller, whose second value waits for the next call
        final TorchRandom r = new TorchRandom(14);
        final double[] all = new double[15000], part = new double[15];
        for (int k = 0; k < 1000; k++) {
            r.normal(part, 15, 0, 1, true);
            System.arraycopy(part, 0, all, 15 * k, 15);
        }
        check("torch_randn_f32_15x1000", all, false);
    }

    @Test
    void uniformsAreTorchs() {
        final TorchRandom f = new TorchRandom(12), d = new TorchRandom(15), u = new TorchRandom(17);
        final TorchRandom big = new TorchRandom((1L << 40) + 23);
        final double[] rand = new double[100000], rand64 = new double[50000], unif = new double[30000];
        final double[] bigSeed = new double[1000];
        for (int i = 0; i < rand.length; i++) {
            rand[i] = f.uniform32(0, 1);
        }
        for (int i = 0; i < rand64.length; i++) {
            rand64[i] = d.uniform64(0, 1);
        }
        for (int i = 0; i < unif.length; i++) {
            unif[i] = u.uniform32((float) -0.37, (float) 0.81);
        }
        for (int i = 0; i < bigSeed.length; i++) {
            bigSeed[i] = big.uniform32(0, 1);
        }
        check("torch_rand_f32_100000", rand, false);
        check("torch_rand_f64_50000", rand64, false);
        check("torch_uniform_f32_30000", unif, false);
        check("torch_rand_bigseed_1000", bigSeed, false);
    }

    @Test
    void wholeNumbersAreTorchs() {
        final int[] p = new TorchRandom(18).permutation(5000);
        final double[] perm = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            perm[i] = p[i];
        }
        check("torch_randperm_5000", perm, true);
        Torch.manual_seed(19);
        check("torch_randint_20000", doubles(Torch.randintDraws(-7, 1000003, 20000)), true);
    }

    @Test
    void poissonAndBernoulliAreTorchs() {
        final double[] rates = new double[8000], p64 = new double[20000], p32 = new double[20000];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = i * 0.0075;
        }
        for (int i = 0; i < p64.length; i++) {
            p64[i] = i / 20000.0;
            p32[i] = (float) i / 20000f;
        }
        Torch.manual_seed(20);
        final Tensor lambdas = vector(rates);
        lambdas.floating = DType.FLOAT64;
        final Tensor counts = Torch.poisson(lambdas);
        check("torch_poisson_8000", counts.data.data, false);
        Torch.manual_seed(21);
        final Tensor single = vector(p32);
        single.floating = DType.FLOAT32;
        check("torch_bernoulli_f32_20000", Torch.bernoulli(single).data.data, false);
        Torch.manual_seed(22);
        final Tensor twice = vector(p64);
        twice.floating = DType.FLOAT64;
        check("torch_bernoulli_f64_20000", Torch.bernoulli(twice).data.data, false);
    }

    @Test
    void numpysLegacyDrawsAreNumpys() {
        NumpyRandom.seed(31);
        check("numpy_rand_100000", NumpyRandom.samples(100000), false);
        NumpyRandom.seed(32);
        final double[] zeros = new double[100001], ones = new double[100001];
        java.util.Arrays.fill(ones, 1.0);
        check("numpy_randn_100001", NumpyRandom.normal(vector(zeros), vector(ones)).data.data, false);
        NumpyRandom.seed(33);
        check("numpy_randint_20000", doubles(NumpyRandom.integers(-7, 1000003, 20000)), true);
        NumpyRandom.seed(34);
        check("numpy_permutation_5000", NumpyRandom.permutation(5000).data.data, true);
        NumpyRandom.seed(35);
        final double[] rates = new double[8000];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = i * 0.0075;
        }
        check("numpy_poisson_8000", NumpyRandom.poisson(vector(rates)).data.data, true);
    }

    @Test
    void avxMathFunsLogAndSincosStayNearTheTrueFunctions() {
        // the polynomials are approximations: within a few float32 ulps of the float64 functions over the
        // arguments normal_ gives them (1 - u in (0, 1], 2 pi u in [0, 2 pi))
        double worst = 0;
        for (int i = 1; i <= 1 << 16; i++) {
            final float u = i / 65536f;
            worst = Math.max(worst, Math.abs(TorchRandom.logf(u) - Math.log(u)) / Math.max(1e-30, Math.ulp((float) Math.log(u))));
            final float theta = (float) (2 * Math.PI) * (u - 1f / 65536f);
            final long sc = TorchRandom.sincosf(theta);
            final float sin = Float.intBitsToFloat((int) (sc >>> 32)), cos = Float.intBitsToFloat((int) sc);
            worst = Math.max(worst, Math.abs(sin - Math.sin(theta)) / Math.ulp(1f));
            worst = Math.max(worst, Math.abs(cos - Math.cos(theta)) / Math.ulp(1f));
        }
        org.junit.jupiter.api.Assertions.assertTrue(worst < 4, "largest error in float32 ulps: " + worst);
    }

    /**
     * The engine samplers' normal values (nextGaussian: the Gamma sampler's): java.util.Random's own polar method on the
     * same bits (an independent Random whose bits are a second stream's), and the kept second value part of the
     * stream: a copy taken after an odd number of values (a generator's state) continues as the original, and a new
     * seed drops it (java.util.Random kept it in private fields, which neither the copy nor the seed reached).
     */
    @Test
    void nextGaussianIsRandomsPolarMethodWithItsSpareInTheState() {
        final TorchRandom r = new TorchRandom(7);
        final TorchRandom bits = new TorchRandom(7);
        final java.util.Random reference = new java.util.Random() {
            @Override
            protected int next(int b) {
                return bits.next32() >>> (32 - b);
            }
        };
        for (int i = 0; i < 101; i++) {
            assertEquals(reference.nextGaussian(), r.nextGaussian(), 0.0, "value " + i);
        }
        final TorchRandom copy = r.copy();   // after 101 values: the 102nd is kept
        for (int i = 0; i < 5; i++) {
            assertEquals(r.nextGaussian(), copy.nextGaussian(), 0.0, "copy's value " + i);
        }
        r.nextGaussian();   // an odd number again: a value kept
        r.setSeed(3);
        final TorchRandom fresh = new TorchRandom(3);
        for (int i = 0; i < 5; i++) {
            assertEquals(fresh.nextGaussian(), r.nextGaussian(), 0.0, "after setSeed, value " + i);
        }
    }
}
