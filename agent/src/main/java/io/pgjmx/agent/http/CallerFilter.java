package io.pgjmx.agent.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import io.pgjmx.agent.log.Audit;

/** Names the HTTP caller (user and address) for the audit line of any cancel or terminate it triggers. */
final class CallerFilter extends Filter {

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        String user = exchange.getPrincipal() != null ? exchange.getPrincipal().getUsername() : "-";
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
