package io.pgjmx.agent.jmx;

import java.util.function.Supplier;

/** {@code pgjmx:type=Agent}. */
public final class AgentMBean implements AgentMXBean {

    private final String version;
    private final Supplier<String> jolokiaUrl;
    private final boolean readOnly;
    private final Supplier<String[]> dataSourceNames;

    public AgentMBean(String version, Supplier<String> jolokiaUrl, boolean readOnly, Supplier<String[]> dataSourceNames) {
        this.version = version;
        this.jolokiaUrl = jolokiaUrl;
        this.readOnly = readOnly;
        this.dataSourceNames = dataSourceNames;
    }

    @Override
    public String getVersion() {
        return version;
    }

    @Override
    public String getJolokiaUrl() {
        String url = jolokiaUrl.get();
        return url == null ? "" : url;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public String[] getDataSourceNames() {
        return dataSourceNames.get();
    }
}
