package io.pgjmx.console.client;

import io.pgjmx.api.AgentAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@code pgjmx:type=Agent} says. {@code jolokiaUrl} is empty when the HTTP endpoint is off. */
public record AgentInfo(String version, String jolokiaUrl, boolean readOnly, List<String> dataSourceNames) {

    public AgentInfo {
        jolokiaUrl = jolokiaUrl == null ? "" : jolokiaUrl;
        dataSourceNames = List.copyOf(dataSourceNames);
    }

    /** From the values of {@link AgentAttributes#ALL}; DataSourceNames as JMX (String[]) or JSON (a list) gives it. */
    static AgentInfo of(Map<String, Object> a) {
        List<String> names = new ArrayList<>();
        Object given = a.get(AgentAttributes.DATA_SOURCE_NAMES);
        if (given instanceof String[] array) {
            names.addAll(List.of(array));
        } else if (given instanceof List<?> list) {
            list.forEach(n -> names.add(String.valueOf(n)));
        }
        return new AgentInfo((String) a.get(AgentAttributes.VERSION), (String) a.get(AgentAttributes.JOLOKIA_URL),
                Boolean.TRUE.equals(a.get(AgentAttributes.READ_ONLY)), names);
    }
}
