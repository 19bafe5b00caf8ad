package io.pgjmx.agent.http;

import org.jolokia.server.core.request.JolokiaRequest;
import org.jolokia.server.core.service.request.AbstractRequestHandler;

/**
 * Refuses Jolokia proxy requests (a {@code target} naming another JVM). pgjmx ships no JSR-160 proxy;
 * without this handler Jolokia would quietly answer such a request from the local JVM instead. Ordered
 * before the local handler (see META-INF/pgjmx-jolokia/services-default).
 */
public final class ProxyRequestRefusal extends AbstractRequestHandler {

    public ProxyRequestRefusal(int order) {
        super("pgjmx-proxy-refusal", order);
    }

    public ProxyRequestRefusal() {
        this(1);
    }

    @Override
    public boolean canHandle(JolokiaRequest request) {
        return request.getOption("targetId") != null || request.getOption("target") != null;
    }

    @Override
    public <R extends JolokiaRequest> Object handleRequest(R request, Object previousResult) {
        throw new SecurityException("proxy requests (a 'target' JVM) are refused: pgjmx answers for its own JVM "
                + "only; call the pgjmx agent in the other JVM directly");
    }
}
