package io.pgjmx.agent.discovery;

import io.pgjmx.agent.util.Reflect;

/**
 * A family recognised by one class or interface, named, not linked: the application's classes are not the
 * agent's, so the check is by name along the class's supertypes.
 */
public abstract class OneClassAdapter implements PoolAdapter {

    private final String type;

    protected OneClassAdapter(String type) {
        this.type = type;
    }

    @Override
    public boolean handles(Object dataSource) {
        return Reflect.isA(dataSource, type);
    }
}
