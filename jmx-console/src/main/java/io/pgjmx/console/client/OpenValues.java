package io.pgjmx.console.client;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.openmbean.CompositeData;

/**
 * JMX open values (CompositeData, arrays, dates) as the plain values a Jolokia answer gives (maps with the
 * items in their type's order, lists, strings, numbers), so that {@code --json} prints the same over both.
 */
final class OpenValues {

    private OpenValues() {
    }

    static Object plain(Object value) {
        if (value instanceof CompositeData c) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (String key : c.getCompositeType().keySet()) {
                map.put(key, plain(c.get(key)));
            }
            return map;
        }
        if (value instanceof Date d) {
            return JmxClient.ISO.format(d.toInstant());
        }
        if (value != null && value.getClass().isArray()) {
            int n = Array.getLength(value);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(plain(Array.get(value, i)));
            }
            return list;
        }
        return value;
    }
}
