package io.pgjmx.agent.discovery;

import io.pgjmx.agent.util.Reflect;
import java.util.List;
import java.util.stream.Stream;

/**
 * A DataSource that creates its pool object on first use and keeps it in a field: until then there is nothing
 * to describe, and once it exists it is where the physical connections are opened (unless the family knows
 * an object further in).
 */
public abstract class LazyPoolAdapter extends OneClassAdapter {

    private final String poolField;

    protected LazyPoolAdapter(String type, String poolField) {
        super(type);
        this.poolField = poolField;
    }

    @Override
    public boolean isReady(Object dataSource) {
        return pool(dataSource) != null;
    }

    @Override
    public List<Object> connectionCreators(Object dataSource) {
        return Stream.ofNullable(pool(dataSource)).toList();
    }

    /** The pool object, or null before the first use; a family whose pool may be found alone overrides it. */
    protected Object pool(Object dataSource) {
        return Reflect.field(dataSource, poolField);
    }
}
