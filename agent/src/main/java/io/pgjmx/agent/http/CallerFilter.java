package io.pgjmx.agent.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import io.pgjmx.agent.log.Audit;

/** Names the HTTP caller (the user {@link RequestGuard} authenticated, and the address) for the audit line of any cancel or terminate it triggers. */
final class CallerFilter extends Filter {

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Object authenticated = exchange.getAttribute(RequestGuard.USER_ATTRIBUTE);
        String user = authenticated != null ? authenticated.toString() : "-";
        Audit.setCaller("http(user=" + user + ", from=" + exchange.getRemoteAddress().getAddress().getHostAddress()
                + ")");
        try {
            chain.doFilter(exchange);
        } finally {
            Audit.setCaller(null);
        }
    }

    @Override
    public String description() {
        return "pgjmx audit caller";
    }
}
