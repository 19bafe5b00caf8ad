package io.pgjmx.agent.discovery;

import io.pgjmx.agent.util.Reflect;

/**
 * What a pool says of itself, in OpenTelemetry's {@code db.client.connection.*} meaning: connections handed
 * out ({@code used}), connections waiting in the pool ({@code idle}), and threads waiting for one
 * ({@code pending}). Each is null when the pool does not tell it.
 */
public record PoolFigures(Integer used, Integer idle, Integer pending) {

    /** Reads three public no-argument getters of one pool object; a getter that is missing gives null. */
    public static PoolFigures read(Object pool, String used, String idle, Object pendingSource, String pending) {
        if (pool == null) {
            return null;
        }
        return new PoolFigures(number(pool, used), number(pool, idle),
                pendingSource == null ? null : number(pendingSource, pending));
    }

    private static Integer number(Object target, String getter) {
        Object value = Reflect.invoke(target, getter);
        return value instanceof Number n && n.intValue() >= 0 ? n.intValue() : null;
    }
}
