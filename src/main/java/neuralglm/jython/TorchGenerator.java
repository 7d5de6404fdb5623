package neuralglm.jython;

/**
 * {@code torch.Generator()}: a random stream of its own, for the {@code generator=} argument of the bridge's random
 * functions ({@code torch.randperm(n, generator=g)}, {@code random_split(..., generator=g)}, {@code DataLoader(...,
 * generator=g)}): while such a call runs, its draws come from this stream instead of the shared one
 * ({@link Torch#generator()}), which is left where it was. {@code torch.default_generator} is the shared stream's
 * own generator. Its draws are PyTorch's at the same seed ({@link TorchRandom}).
 */
public final class TorchGenerator {
    TorchRandom random;
    private long seed;
    private final boolean shared;

    /**
     * @param args an optional device ('cpu')
     * @param kws  keyword names
     */
    public TorchGenerator(org.python.core.PyObject[] args, String[] kws) {
        final Args a = new Args("Generator", args, kws, "device");
        DType.checkDevice(a.get("device"), "Generator");
        this.shared = false;
        manual_seed(TorchRandom.DEFAULT_SEED);
    }

    private TorchGenerator(boolean shared) {
        this.shared = shared;
        this.seed = 0;
    }

    /** @return the shared stream's generator ({@code torch.default_generator}) */
    static TorchGenerator shared() {
        return new TorchGenerator(true);
    }

    /**
     * @param seed the new seed
     * @return this generator, restarted from seed ({@code g = torch.Generator().manual_seed(42)})
     */
    public TorchGenerator manual_seed(long seed) {
        this.seed = seed;
        if (shared) {
            Torch.manual_seed(seed);
        } else {
            random = new TorchRandom(seed);
        }
        return this;
    }

    /** @return the seed this generator was last started from */
    public long initial_seed() {
        return shared ? Torch.initialSeed() : seed;
    }

    /** @return a new seed drawn from the clock, which this generator restarts from (PyTorch's g.seed()) */
    public long seed() {
        final long s = System.nanoTime() & 0x7fffffffffffL;
        manual_seed(s);
        return s;
    }

    /** @return the stream's state, for {@link #set_state} */
    public Object get_state() {
        return RngState.of(shared ? Torch.generator() : random);
    }

    /** @param state a state from {@link #get_state} (or torch.get_rng_state()) @return this generator */
    public TorchGenerator set_state(Object state) {
        final TorchRandom r = RngState.restore(state, "Generator.set_state");
        if (shared) {
            Torch.setGenerator(r);
        } else {
            random = r;
        }
        return this;
    }

    /** @return "cpu" */
    public String getDevice() {
        return "cpu";
    }

    /** The shared stream while this generator's stands in for it ({@link #enter}), or null. */
    private TorchRandom outside;

    /** Makes this generator's stream the one random functions draw from, until {@link #leave}. */
    public void enter() {
        if (!shared) {
            outside = Torch.setGenerator(random);
        }
    }

    /** Puts the shared stream back (this generator's has moved on by the draws made). */
    public void leave() {
        if (!shared && outside != null) {
            random = Torch.setGenerator(outside);
            outside = null;
        }
    }

    /** @return {@code torch.default_generator}: the shared stream's generator */
    public static TorchGenerator default_generator() {
        return shared();
    }

    @Override
    public String toString() {
        return "<torch._C.Generator object>";
    }

    /** An opaque copy of a random stream's state ({@code torch.get_rng_state()}). */
    public static final class RngState {
        private final TorchRandom state;

        private RngState(TorchRandom state) {
            this.state = state;
        }

        static RngState of(TorchRandom r) {
            return new RngState(r.copy());
        }

        static TorchRandom restore(Object state, String what) {
            if (!(state instanceof RngState)) {
                throw Errors.type(what + ": expected a state from torch.get_rng_state() or Generator.get_state(), got "
                        + (state == null ? "None" : state.getClass().getSimpleName()));
            }
            return ((RngState) state).state.copy();
        }

        @Override
        public String toString() {
            return "<random state of mt19937>";
        }
    }
}
