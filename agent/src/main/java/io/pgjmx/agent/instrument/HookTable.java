package io.pgjmx.agent.instrument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every class the agent instruments, by exact name, with the hooks of its methods. Each library adds its
 * own ({@link LibraryInstrumentation#addTo}); a class may get hooks from several (discovery, borrow points,
 * exhaustion), and all of them go into its methods in the order they were added.
 */
public final class HookTable {

    /** One method's hooks. */
    record Point(MethodMatch method, List<Hook> hooks) {
    }

    /** By internal name ({@code com/zaxxer/hikari/HikariDataSource}): what the JVM hands a transformer. */
    private final Map<String, List<Point>> byInternalName = new HashMap<>();

    public HookTable add(String className, MethodMatch method, Hook... hooks) {
        // get and put rather than computeIfAbsent: the table is built in premain, where a lambda costs its spinning
        String internal = className.replace('.', '/');
        List<Point> points = byInternalName.get(internal);
        if (points == null) {
            points = new ArrayList<>(2);
            byInternalName.put(internal, points);
        }
        points.add(new Point(method, List.of(hooks)));
        return this;
    }

    /** The hooks of one class, null when it has none: the one lookup made for every class the JVM loads. */
    List<Point> pointsOf(String internalName) {
        return byInternalName.get(internalName);
    }

    /** Every instrumented class, by binary name ({@code com.zaxxer.hikari.HikariDataSource}). */
    public Set<String> classNames() {
        Set<String> names = new java.util.HashSet<>();
        for (String internal : byInternalName.keySet()) {
            names.add(internal.replace('/', '.'));
        }
        return Set.copyOf(names);
    }

    /** The hooks of a method of {@code points}' class, in the order they were added. */
    static List<Hook> hooksOf(List<Point> points, String name, String descriptor) {
        List<Hook> hooks = new ArrayList<>(2);
        for (Point p : points) {
            if (p.method().matches(name, descriptor)) {
                hooks.addAll(p.hooks());
            }
        }
        return hooks;
    }
}
