package io.pgjmx.agent;

import java.lang.reflect.Method;
import java.security.ProtectionDomain;

/**
 * Defines classes in the bootstrap class loader through the JDK's internal Unsafe. Never linked from the
 * agent: {@link BootstrapBridge} loads this class alone into a throw-away class loader, and only that
 * loader's module is given access to {@code jdk.internal.misc}, so the application (which shares the
 * agent's unnamed module) gains no access it did not have.
 */
public final class BootstrapDefiner {

    private BootstrapDefiner() {
    }

    public static void define(String[] names, byte[][] classes) throws ReflectiveOperationException {
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        for (int i = 0; i < names.length; i++) {
            define.invoke(unsafe, names[i], classes[i], 0, classes[i].length, null, null);
        }
    }
}
