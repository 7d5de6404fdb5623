package neuralglm.train;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * A build's classes for a bench that compares builds in one JVM: each build's classes in a loader of their own, except
 * the bench's own classes (names starting with the bench class's), which come from the running build, so that every
 * variant runs the bench as it is now.
 */
final class VariantLoader extends URLClassLoader {

    private final Class<?> bench;

    /**
     * @param urls  the build's class directories and jars
     * @param bench the bench class whose classes (and nested classes) are taken from the running build
     */
    VariantLoader(URL[] urls, Class<?> bench) {
        super(urls, ClassLoader.getPlatformClassLoader());
        this.bench = bench;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.startsWith(bench.getName())) {
            try (java.io.InputStream in = bench.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
                if (in != null) {
                    final byte[] b = in.readAllBytes();
                    return defineClass(name, b, 0, b.length);
                }
            } catch (java.io.IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
        return super.findClass(name);
    }
}
