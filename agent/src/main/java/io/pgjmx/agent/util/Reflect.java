package io.pgjmx.agent.util;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Reads application objects whose classes the agent cannot link against (they live in the application's
 * class loaders). Only used off the application's threads, except {@link #invoke} on a PgConnection's
 * field-reading getter.
 */
public final class Reflect {

    private Reflect() {
    }

    /** True when the object's class or one of its superclasses has this exact name (no interfaces). */
    public static boolean isA(Object object, String className) {
        for (Class<?> c = object.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /** True when the object's class implements an interface of this exact name, directly or inherited. */
    public static boolean implementsInterface(Object object, String interfaceName) {
        for (Class<?> c = object.getClass(); c != null; c = c.getSuperclass()) {
            if (hasInterface(c, interfaceName)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasInterface(Class<?> type, String interfaceName) {
        for (Class<?> i : type.getInterfaces()) {
            if (i.getName().equals(interfaceName) || hasInterface(i, interfaceName)) {
                return true;
            }
        }
        return false;
    }

    public static Object field(Object object, String name) {
        for (Class<?> c = object.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(object);
            } catch (NoSuchFieldException e) {
                // try the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    /** Calls a public no-argument method; null when it is missing or fails. */
    public static Object invoke(Object object, String name) {
        try {
            Method m = publicMethod(object.getClass(), name);
            return m == null ? null : m.invoke(object);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    public static String string(Object object, String getter) {
        Object value = invoke(object, getter);
        return value == null ? null : value.toString();
    }

    /**
     * A public method reachable through a public class or interface, so that it can be invoked without
     * {@code setAccessible} on classes of named modules or non-public implementation classes.
     */
    private static Method publicMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Method found = publicMethodIn(c, name);
            if (found != null) {
                return found;
            }
            for (Class<?> i : c.getInterfaces()) {
                found = publicMethodIn(i, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Method publicMethodIn(Class<?> c, String name) {
        if (!java.lang.reflect.Modifier.isPublic(c.getModifiers())) {
            return null;
        }
        try {
            Method m = c.getMethod(name);
            return java.lang.reflect.Modifier.isPublic(m.getDeclaringClass().getModifiers()) ? m : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
