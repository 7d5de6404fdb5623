package neuralglm.linalg;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * The Vector API module ({@code jdk.incubator.vector}) in this JVM: in the boot layer when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, else loaded at run time on request ({@link #load}), so that a JVM started
 * as Weka starts it (no options) gets the faster kernels where they pay.
 *
 * <p>How: the JDK's own route for a module that a running JVM needs after its start, the one it takes for
 * {@code java.instrument} when an agent attaches ({@code jdk.internal.module.Modules.loadModule}): the module is
 * resolved against the system modules and defined, in a child layer of the boot layer, to its built-in loader (the
 * boot loader), where the JIT's vector intrinsics apply; defining it also sets the VM's {@code EnableVectorSupport}, as
 * at start. That method is internal to {@code java.base}, so the call is made accessible through
 * {@code sun.misc.Unsafe} (module {@code jdk.unsupported}): the byte of {@code AccessibleObject}'s {@code override}
 * flag, whose offset is taken from a class of the same layout and used only after it is seen to follow
 * {@code setAccessible} on a method of this class. Anything unexpected (a JVM other than HotSpot's server VM, another
 * JDK's layout, a security manager, a JDK outside {@value #MIN_FEATURE}-{@value #MAX_FEATURE},
 * {@code -Dneuralglm.loadVectorModule=false}) leaves the module out and says why ({@link #failure}): the plain-Java
 * kernels then run, with the same results to the bit; so do they when the loaded module's kernels never reach compiled
 * speed in their warm-up ({@link #stopped}).
 */
public final class VectorModule {

    /** The module's name. */
    public static final String NAME = "jdk.incubator.vector";
    /** The oldest Java feature release the run-time loading is tried on. */
    static final int MIN_FEATURE = 17;
    /**
     * The newest: the route was checked on 17; from 24 on, {@code sun.misc.Unsafe}'s field access warns on the console
     * (JEP 471), so it is not tried there.
     */
    static final int MAX_FEATURE = 23;

    private static boolean loaded;
    private static String failure;
    private static boolean stopped;

    private VectorModule() {
    }

    /** @return whether the JVM was started with the module (the boot layer has it) */
    public static boolean inBootLayer() {
        return ModuleLayer.boot().findModule(NAME).isPresent();
    }

    /**
     * Loads the module if the JVM has not got it yet; once per JVM (a failure is not retried).
     *
     * @return whether the module is in this JVM now (at start or loaded here), with its classes on the boot loader
     */
    public static synchronized boolean load() {
        if (inBootLayer() || loaded) {
            return true;
        }
        if (failure != null) {
            return false;   // tried and failed
        }
        try {
            failure = attempt();
        } catch (Throwable e) {
            failure = "loading it failed: " + e;
        }
        loaded = failure == null;
        return loaded;
    }

    /**
     * @return whether the products may run on the module: {@link #load} succeeded and its kernels were not found slow
     *         since ({@link #stopped})
     */
    static synchronized boolean usable() {
        return load() && !stopped;
    }

    /**
     * Records that the module loaded at run time is not to be used: its kernels never reached compiled speed.
     *
     * @param why the reason, which {@link #failure} then gives
     */
    static synchronized void stopped(String why) {
        stopped = true;
        failure = "the module was loaded, but " + why;
    }

    /** @return why {@link #load} left the module out, or null when it did not (or was not asked) */
    public static synchronized String failure() {
        return failure;
    }

    /**
     * @return whether {@link #load} loaded the module at run time (false when it was there from the start) and its
     *         kernels are in use (not {@link #stopped})
     */
    public static synchronized boolean loadedAtRunTime() {
        return loaded && !stopped;
    }

    /** The layout of {@code java.lang.reflect.AccessibleObject}'s instance fields, for the offset of its flag. */
    @SuppressWarnings("unused")
    private static final class AccessibleLayout {
        boolean override;
        Object accessCheckCache;
    }

    /** A method whose accessible flag is set to find the flag's byte. */
    @SuppressWarnings("unused")
    private static void probe() {
    }

    /** @return null when the module was loaded, else why not */
    private static String attempt() throws Exception {
        if (!Boolean.parseBoolean(System.getProperty("neuralglm.loadVectorModule", "true"))) {
            return "-Dneuralglm.loadVectorModule=false";
        }
        final String vm = System.getProperty("java.vm.name", "");
        if (!vm.contains("Server VM")) {
            return "the JVM (" + vm + ") is not HotSpot's server VM, whose JIT has the Vector API's intrinsics";
        }
        final int feature = Runtime.version().feature();
        if (feature < MIN_FEATURE || feature > MAX_FEATURE) {
            return "Java " + feature + " is outside the releases it is tried on (" + MIN_FEATURE + "-" + MAX_FEATURE + ")";
        }
        if (ModuleLayer.boot().findModule("jdk.unsupported").isEmpty()) {
            return "the JVM has no jdk.unsupported module";
        }
        final Field theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        theUnsafe.setAccessible(true);
        final sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
        final long offset = unsafe.objectFieldOffset(AccessibleLayout.class.getDeclaredField("override"));
        final Method probe = VectorModule.class.getDeclaredMethod("probe");
        final boolean before = unsafe.getBoolean(probe, offset);
        probe.setAccessible(true);
        if (before || !unsafe.getBoolean(probe, offset)) {
            return "this JDK's reflection objects have another layout";
        }
        final Method loadModule = Class.forName("jdk.internal.module.Modules").getDeclaredMethod("loadModule",
                String.class);
        if (unsafe.getBoolean(loadModule, offset)) {
            return "this JDK's reflection objects have another layout";
        }
        unsafe.putBoolean(loadModule, offset, true);
        final Module module = (Module) loadModule.invoke(null, NAME);
        final Class<?> vector = Class.forName(NAME + ".DoubleVector");
        if (module == null || module.getClassLoader() != null || vector.getModule() != module) {
            return "the module came up on another class loader";
        }
        return null;
    }
}
