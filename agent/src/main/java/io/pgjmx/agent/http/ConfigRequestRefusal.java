package io.pgjmx.agent.http;

import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.service.request.AbstractRequestHandler;
import org.jolokia.server.core.util.RequestType;

/**
 * Refuses {@code {"type":"config"}}. Jolokia answers it from a built-in handler that the restrictor's type
 * check never sees; it describes the endpoint's security set-up to anyone who asks. Ordered before that
 * handler (see META-INF/pgjmx-jolokia/services-default).
 */
public final class ConfigRequestRefusal extends AbstractRequestHandler {

    public ConfigRequestRefusal(int order) {
        super("pgjmx-config-refusal", order);
    }

    public ConfigRequestRefusal() {
        this(-10);
    }

    @Override
    public boolean canHandle(JolokiaRequest request) {
        return request.getType() == RequestType.CONFIG;
    }

    @Override
    public <R extends JolokiaRequest> Object handleRequest(R request, Object previousResult) {
        throw new SecurityException("config requests are refused; pgjmx serves read, exec, list, search and version");
    }
}
