package io.pgjmx.api;

import java.util.List;

/** The attributes of {@value ObjectNames#AGENT}. */
public final class AgentAttributes {

    public static final String VERSION = "Version";
    /** e.g. {@code http://127.0.0.1:8778/jolokia/}; empty when HTTP is off. */
    public static final String JOLOKIA_URL = "JolokiaUrl";
    public static final String READ_ONLY = "ReadOnly";
    /** String[] of the NAMEs of the DataSource MBeans, not whole ObjectNames. */
    public static final String DATA_SOURCE_NAMES = "DataSourceNames";

    public static final List<String> ALL = List.of(VERSION, JOLOKIA_URL, READ_ONLY, DATA_SOURCE_NAMES);

    private AgentAttributes() {
    }
}
