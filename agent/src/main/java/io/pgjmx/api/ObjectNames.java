package io.pgjmx.api;

/**
 * Where the MBeans of the contract live: {@value #AGENT} and one {@code pgjmx:type=DataSource,name=NAME} per
 * DataSource. NAME is the pool's own name or {@code SimpleClassName-N}, with {@link #UNSAFE_NAME_CHARACTERS}
 * made {@code _}, so it never needs ObjectName quoting.
 */
public final class ObjectNames {

    public static final String DOMAIN = "pgjmx";
    public static final String AGENT = DOMAIN + ":type=Agent";
    public static final String DATA_SOURCE_PREFIX = DOMAIN + ":type=DataSource,name=";
    /** Every DataSource MBean, as an ObjectName pattern for {@code queryNames} or Jolokia's {@code search}. */
    public static final String DATA_SOURCES = DATA_SOURCE_PREFIX + "*";
    /** The characters of a pool's name that become {@code _} in NAME: {@code ,=:"*?\}, CR and LF. */
    public static final String UNSAFE_NAME_CHARACTERS = ",=:\"*?\\\r\n";

    private ObjectNames() {
    }

    /** The ObjectName of the DataSource called {@code name} (a NAME as {@code DataSourceNames} lists it). */
    public static String dataSource(String name) {
        return DATA_SOURCE_PREFIX + name;
    }
}
