package io.pgjmx.agent.discovery;

import io.pgjmx.agent.util.Reflect;

/**
 * A DataSource or pool whose JDBC URL, user, password and driver properties are JavaBean getters of one
 * class, and whose closed state, when it has one, is a boolean field. The many families configured this way
 * differ only in these names and in what the pool adds (its name, what it wraps), so the names are the table
 * each of them passes here.
 */
public abstract class JavaBeanAdapter extends OneClassAdapter {

    private final String urlGetter;
    private final String userGetter;
    private final String passwordGetter;
    private final String propertiesGetter;
    private final String closedField;

    /**
     * {@code propertiesGetter}: the extra driver properties (a {@code Properties}), or null when there are none;
     * {@code closedField}: a boolean field that is true once the DataSource is closed, or null when it never is.
     */
    protected JavaBeanAdapter(String type, String urlGetter, String userGetter, String passwordGetter,
            String propertiesGetter, String closedField) {
        super(type);
        this.urlGetter = urlGetter;
        this.userGetter = userGetter;
        this.passwordGetter = passwordGetter;
        this.propertiesGetter = propertiesGetter;
        this.closedField = closedField;
    }

    @Override
    public String jdbcUrl(Object dataSource) {
        return Reflect.string(dataSource, urlGetter);
    }

    @Override
    public String username(Object dataSource) {
        return Reflect.string(dataSource, userGetter);
    }

    @Override
    public ConnectionSpec connectionSpec(Object dataSource) {
        return PgJdbc.urlSpec(dataSource, jdbcUrl(dataSource), username(dataSource),
                Reflect.string(dataSource, passwordGetter),
                propertiesGetter == null ? null : Reflect.invoke(dataSource, propertiesGetter));
    }

    /** A field, read without calling into the pool (see PoolAdapter: nothing that may block). */
    @Override
    public boolean isClosed(Object dataSource) {
        return closedField != null && Boolean.TRUE.equals(Reflect.field(dataSource, closedField));
    }

    /** The pool's name, unless it is the one the pool made up when none was set: that one is no name. */
    protected static String unlessGenerated(String name, Object generatedName) {
        return name == null || name.equals(generatedName) ? null : name;
    }
}
