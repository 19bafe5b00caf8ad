package io.pgjmx.agent.instrument;

import java.util.List;

/**
 * One call that the agent injects into an application's method: a static method of
 * {@code io.pgjmx.bridge.PgjmxBridge}, at one point of the method, with values at hand there. Every value
 * goes as an {@code Object} (what was thrown as a {@code Throwable}), so the call site names no type but the
 * JDK's and the bridge, which any class loader resolves (see {@link Weaver}).
 *
 * <p>The bridge's methods never throw and never block; the injected code is nothing but loads and one
 * {@code invokestatic}: no locals, no branches, no new members, so a class that is already loaded can be
 * retransformed after a late attach.
 */
public record Hook(At at, String bridgeMethod, List<Value> values) {

    /** Where in the method the call goes. */
    public enum At {
        /** before the method's first instruction (never in a constructor: {@code this} is not yet built) */
        ENTER,
        /** before every return instruction */
        RETURN,
        /** when the method throws, whatever it throws; the throwable is rethrown as it was */
        THROW,
        /** both of the above */
        EXIT
    }

    public Hook {
        values = List.copyOf(values);
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            boolean subject = v.kind() == Value.Kind.RETURNED || v.kind() == Value.Kind.THROWN;
            if (subject && i > 1) {
                throw new IllegalArgumentException("the returned or thrown value goes first or second: " + values);
            }
            if (v.kind() == Value.Kind.RETURNED && at != At.RETURN || v.kind() == Value.Kind.THROWN && at != At.THROW) {
                throw new IllegalArgumentException(v.kind() + " is not at hand " + at);
            }
        }
    }

    public static Hook onEnter(String bridgeMethod, Value... values) {
        return new Hook(At.ENTER, bridgeMethod, List.of(values));
    }

    public static Hook onReturn(String bridgeMethod, Value... values) {
        return new Hook(At.RETURN, bridgeMethod, List.of(values));
    }

    public static Hook onThrow(String bridgeMethod, Value... values) {
        return new Hook(At.THROW, bridgeMethod, List.of(values));
    }

    public static Hook onExit(String bridgeMethod, Value... values) {
        return new Hook(At.EXIT, bridgeMethod, List.of(values));
    }

    boolean runsOnReturn() {
        return at == At.RETURN || at == At.EXIT;
    }

    boolean runsOnThrow() {
        return at == At.THROW || at == At.EXIT;
    }

    /** The bridge method's descriptor: one Object per value (Throwable for what was thrown), void. */
    String descriptor() {
        StringBuilder d = new StringBuilder("(");
        for (Value v : values) {
            d.append(v.kind() == Value.Kind.THROWN ? "Ljava/lang/Throwable;" : "Ljava/lang/Object;");
        }
        return d.append(")V").toString();
    }

    /** A value the injected call passes. */
    public record Value(Kind kind, int argument, String field) {

        public enum Kind { THIS, ARGUMENT, RETURNED, THROWN, FIELD }

        public static final Value THIS = new Value(Kind.THIS, -1, null);
        public static final Value RETURNED = new Value(Kind.RETURNED, -1, null);
        public static final Value THROWN = new Value(Kind.THROWN, -1, null);

        /** The method's argument {@code index} (from 0), as the method holds it at that point; a reference type. */
        public static Value argument(int index) {
            return new Value(Kind.ARGUMENT, index, null);
        }

        /** A reference field that the instrumented class itself declares, read from {@code this}. */
        public static Value field(String name) {
            return new Value(Kind.FIELD, -1, name);
        }
    }
}
