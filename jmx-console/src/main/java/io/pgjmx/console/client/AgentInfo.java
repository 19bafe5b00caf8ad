package io.pgjmx.console.client;

import java.util.List;

/** What {@code pgjmx:type=Agent} says. {@code jolokiaUrl} is empty when the HTTP endpoint is off. */
public record AgentInfo(String version, String jolokiaUrl, boolean readOnly, List<String> dataSourceNames) {

    public AgentInfo {
        jolokiaUrl = jolokiaUrl == null ? "" : jolokiaUrl;
        dataSourceNames = List.copyOf(dataSourceNames);
    }
}
