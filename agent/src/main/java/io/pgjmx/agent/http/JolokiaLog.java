package io.pgjmx.agent.http;

import io.pgjmx.agent.log.Log;
import org.jolokia.core.api.LogHandler;
import org.slf4j.Logger;

/** Jolokia's own messages, into the agent's log. */
final class JolokiaLog implements LogHandler {

    private static final Logger LOG = Log.get(JolokiaEndpoint.class);

    @Override
    public void debug(String message) {
        LOG.debug("jolokia: {}", message);
    }

    @Override
    public void info(String message) {
        LOG.debug("jolokia: {}", message);
    }

    @Override
    public void error(String message, Throwable t) {
        LOG.warn("jolokia: {}{}", message, t == null ? "" : " (" + t + ")");
    }

    @Override
    public boolean isDebug() {
        return LOG.isDebugEnabled();
    }
}
