package io.pgjmx.agent.instrument;

/**
 * A method of an instrumented class by name, and optionally by its number of parameters and the type of
 * the first: compared with what the class file declares, without loading or resolving any type.
 */
public record MethodMatch(String name, int parameters, String firstParameter) {

    static final int ANY = -1;

    /** {@code name} with any parameters. */
    public static MethodMatch named(String name) {
        return new MethodMatch(name, ANY, null);
    }

    /** {@code name} without parameters, as most pools' getConnection, start and close are. */
    public static MethodMatch noArgs(String name) {
        return new MethodMatch(name, 0, null);
    }

    /** A constructor with {@code parameters} parameters. */
    public static MethodMatch constructor(int parameters) {
        return new MethodMatch("<init>", parameters, null);
    }

    public MethodMatch withParameters(int count) {
        return new MethodMatch(name, count, firstParameter);
    }

    /** The first parameter is of this type, e.g. {@code String.class}. */
    public MethodMatch firstParameter(Class<?> type) {
        return new MethodMatch(name, parameters, "L" + type.getName().replace('.', '/') + ";");
    }

    boolean matches(String methodName, String descriptor) {
        if (!name.equals(methodName)) {
            return false;
        }
        if (parameters == ANY && firstParameter == null) {
            return true;
        }
        // the descriptor's parameters: "(" then each type; a type is one letter, L...; or [ before a type
        int count = 0;
        int i = 1;
        String first = null;
        while (descriptor.charAt(i) != ')') {
            int from = i;
            while (descriptor.charAt(i) == '[') {
                i++;
            }
            i = descriptor.charAt(i) == 'L' ? descriptor.indexOf(';', i) + 1 : i + 1;
            if (count++ == 0) {
                first = descriptor.substring(from, i);
            }
        }
        return (parameters == ANY || parameters == count) && (firstParameter == null || firstParameter.equals(first));
    }
}
