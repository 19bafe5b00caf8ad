package io.pgjmx.agent.discovery;

import io.pgjmx.agent.util.Reflect;

/**
 * A DataSource or pool whose JDBC URL, user, password and driver properties are JavaBean getters of one
 * class (named, not linked: the application's classes are not the agent's). The many families configured
 * this way differ only in the getters' names and in what the pool adds (its name, its closed state).
 */
public abstract class JavaBeanAdapter implements PoolAdapter {

    private final String type;
    private final String urlGetter;
    private final String userGetter;
    private final String passwordGetter;
    private final String propertiesGetter;

    /** {@code propertiesGetter}: the extra driver properties (a {@code Properties}), or null when there are none. */
    protected JavaBeanAdapter(String type, String urlGetter, String userGetter, String passwordGetter,
            String propertiesGetter) {
        this.type = type;
        this.urlGetter = urlGetter;
        this.userGetter = userGetter;
        this.passwordGetter = passwordGetter;
        this.propertiesGetter = propertiesGetter;
    }

    @Override
    public boolean handles(Object dataSource) {
        return Reflect.isA(dataSource, type);
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

    /** The pool's name, unless it is the one the pool made up when none was set: that one is no name. */
    protected static String unlessGenerated(String name, Object generatedName) {
        return name == null || name.equals(generatedName) ? null : name;
    }
}
