package io.pgjmx.agent.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.pgjmx.agent.log.Log;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;

/**
 * The endpoint's plain-HTTP server: the JDK's {@link HttpServer} API, the same handlers and filters, on an accept
 * thread and {@link HttpWorkers}. Written here rather than taken from the JDK because the JDK's server costs a
 * fresh JVM some 30 to 50 ms of wall time and CPU to create and start (its selector machinery, timer thread
 * and about 50 classes outside the class data sharing archive), against some 3 ms for this one, and every
 * process that carries the agent pays it at start (examples/README.md). With {@code protocol=https} the JDK's
 * TLS server, as Jolokia builds it, is used as before.
 *
 * <p>What it serves is what the endpoint needs and no more: HTTP/1.0 and 1.1, one request per connection
 * ({@code Connection: close}, so an idle client never holds a worker), request bodies by length or chunked,
 * {@code Expect: 100-continue}, responses by length or chunked. The head of a request is bounded
 * ({@link ChannelExchange#MAX_HEAD}); the workers bound the time to read it and to write the answer.
 */
final class PlainHttpServer extends HttpServer {

    private static final Logger LOG = Log.get(PlainHttpServer.class);
    /** At most this long for the accepting thread to leave the closed socket (StopAtExit waits 200 ms in all). */
    private static final long STOP_WAIT_MILLIS = 150;

    private final ServerSocketChannel channel;
    private final InetSocketAddress address;
    private final List<Context> contexts = new CopyOnWriteArrayList<>();
    private volatile Executor executor;
    private volatile boolean stopped;
    private Thread acceptor;

    PlainHttpServer(InetSocketAddress bindTo, int backlog) throws IOException {
        ServerSocketChannel open = ServerSocketChannel.open();
        try {
            open.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            open.bind(bindTo, backlog);
        } catch (IOException | RuntimeException e) {
            open.close();
            throw e;
        }
        this.channel = open;
        this.address = (InetSocketAddress) open.getLocalAddress();
    }

    @Override
    public void bind(InetSocketAddress addr, int backlog) {
        throw new UnsupportedOperationException("bound when created");
    }

    @Override
    public synchronized void start() {
        if (acceptor != null || stopped) {
            throw new IllegalStateException("started already, or stopped");
        }
        if (executor == null) {
            throw new IllegalStateException("no executor");
        }
        acceptor = new Thread(new Accepting(), "pgjmx-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @Override
    public void setExecutor(Executor executor) {
        this.executor = executor;
    }

    @Override
    public Executor getExecutor() {
        return executor;
    }

    /**
     * Closes the listening socket and waits, briefly, for the accepting thread to leave it: the JDK closes a
     * socket that a thread is blocked on only once that thread is out. Exchanges under way end on their own
     * deadlines.
     */
    @Override
    public void stop(int delaySeconds) {
        stopped = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the HTTP socket: {}", e.toString());
        }
        Thread accepting;
        synchronized (this) {
            accepting = acceptor;
        }
        if (accepting != null && accepting != Thread.currentThread()) {
            try {
                accepting.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public HttpContext createContext(String path, HttpHandler handler) {
        Context context = new Context(path, handler);
        for (Context c : contexts) {
            if (c.path.equals(path)) {
                throw new IllegalArgumentException("a context for " + path + " exists already");
            }
        }
        contexts.add(context);
        return context;
    }

    @Override
    public HttpContext createContext(String path) {
        return createContext(path, null);
    }

    @Override
    public void removeContext(String path) {
        if (!contexts.removeIf(c -> c.path.equals(path))) {
            throw new IllegalArgumentException("no context for " + path);
        }
    }

    @Override
    public void removeContext(HttpContext context) {
        if (!contexts.remove(context)) {
            throw new IllegalArgumentException("not a context of this server: " + context.getPath());
        }
    }

    @Override
    public InetSocketAddress getAddress() {
        return address;
    }

    /** The context whose path is the longest prefix of {@code path}, as the JDK's server chooses; null for none. */
    Context contextFor(String path) {
        Context best = null;
        for (Context c : contexts) {
            if (path.startsWith(c.path) && (best == null || c.path.length() > best.path.length())) {
                best = c;
            }
        }
        return best;
    }

    private final class Accepting implements Runnable {
        @Override
        public void run() {
            while (!stopped) {
                SocketChannel connection;
                try {
                    connection = channel.accept();
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException e) {
                    LOG.debug("accepting an HTTP connection: {}", e.toString());
                    pause();
                    continue;
                }
                try {
                    executor.execute(new ChannelExchange.Serving(PlainHttpServer.this, connection));
                } catch (RejectedExecutionException e) {
                    ChannelExchange.closeQuietly(connection);
                }
            }
        }

        /** After a failed accept (out of file descriptors, say): not a busy loop. */
        private void pause() {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }

    /** One context: a path, its handler and its filters, as the JDK's server keeps them. */
    final class Context extends HttpContext {
        private final String path;
        private volatile HttpHandler handler;
        private final Map<String, Object> attributes = new HashMap<>();
        /** Copy-on-write: a request's chain iterates a snapshot, whatever is added meanwhile. */
        private final List<Filter> filters = new CopyOnWriteArrayList<>();

        Context(String path, HttpHandler handler) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("a context path starts with /: " + path);
            }
            this.path = path;
            this.handler = handler;
        }

        @Override
        public HttpHandler getHandler() {
            return handler;
        }

        @Override
        public void setHandler(HttpHandler handler) {
            this.handler = handler;
        }

        @Override
        public String getPath() {
            return path;
        }

        @Override
        public HttpServer getServer() {
            return PlainHttpServer.this;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public List<Filter> getFilters() {
            return filters;
        }

        /** Refused rather than ignored: the endpoint authenticates in {@link RequestGuard}, a filter. */
        @Override
        public Authenticator setAuthenticator(Authenticator auth) {
            if (auth != null) {
                throw new UnsupportedOperationException("authenticate in a filter (RequestGuard)");
            }
            return null;
        }

        @Override
        public Authenticator getAuthenticator() {
            return null;
        }
    }
}
