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

    /**
     * @param dir   a build's class directory
     * @param bench the bench class whose classes come from the running build
     * @return a loader of that build's classes and the class path's EJML jars
     * @throws java.net.MalformedURLException when dir is not a path
     */
    static VariantLoader of(String dir, Class<?> bench) throws java.net.MalformedURLException {
        final java.util.List<URL> urls = new java.util.ArrayList<>();
        urls.add(java.nio.file.Path.of(dir).toUri().toURL());
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (e.contains("ejml")) {
                urls.add(java.nio.file.Path.of(e).toUri().toURL());
            }
        }
        return new VariantLoader(urls.toArray(new URL[0]), bench);
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
