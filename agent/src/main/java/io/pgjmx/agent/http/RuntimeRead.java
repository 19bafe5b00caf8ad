package io.pgjmx.agent.http;

import io.pgjmx.agent.jmx.PlatformMBeans;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jolokia.server.core.request.JolokiaReadRequest;
import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.service.request.AbstractRequestHandler;

/**
 * Answers a read of all attributes of {@code java.lang:type=Runtime} with the attributes pgjmx allows. Jolokia's
 * own read would fail the whole request on the first refused attribute ({@code SystemProperties}). Ordered
 * before the local handler (see META-INF/pgjmx-jolokia/services-default).
 */
public final class RuntimeRead extends AbstractRequestHandler {

    public RuntimeRead(int order) {
        super("pgjmx-runtime-read", order);
    }

    public RuntimeRead() {
        this(2);
    }

    @Override
    public boolean canHandle(JolokiaRequest request) {
        if (!(request instanceof JolokiaReadRequest read) || !read.isMultiAttributeMode()
                || !read.getAttributeNames().isEmpty()) {
            return false;
        }
        ObjectName name = read.getObjectName();
        return name != null && !name.isPattern() && "java.lang".equals(name.getDomain())
                && PgjmxRestrictor.isRuntime(name) && name.getKeyPropertyList().size() == 1;
    }

    @Override
    public <R extends JolokiaRequest> Object handleRequest(R request, Object previousResult) throws JMException {
        MBeanServer server = PlatformMBeans.server();
        ObjectName name = ((JolokiaReadRequest) request).getObjectName();
        Map<String, Object> values = new LinkedHashMap<>();
        for (String attribute : new TreeSet<>(PgjmxRestrictor.RUNTIME_ATTRIBUTES)) {
            values.put(attribute, server.getAttribute(name, attribute));
        }
        return values;
    }
}
