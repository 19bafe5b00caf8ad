package io.pgjmx.agent.log;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The agent's own SLF4J backend. The agent talks to its (relocated) SLF4J API only through this class and
 * never runs SLF4J's provider discovery, so the host's logging stack is neither consulted nor touched.
 * Lines go to the JVM's standard error, prefixed with {@code [pgjmx]}. The level is taken from the
 * option {@code logLevel}, else the environment variable {@code PGJMX_LOG_LEVEL} (error, warn, info, debug;
 * default info).
 */
public final class Log {

    private static volatile Level threshold = threshold(System.getenv("PGJMX_LOG_LEVEL"));
    /** Null for nobody; no lambda, for the class is loaded in premain. */
    private static volatile BiConsumer<Level, String> problems;

    private Log() {
    }

    public static Logger get(Class<?> type) {
        return new AgentLogger(type.getSimpleName());
    }

    /**
     * Also hands every WARN and ERROR message that is logged to {@code listener}: the attach command shows
     * the operator what went wrong in a JVM whose standard error it cannot see.
     */
    public static void reportProblemsTo(BiConsumer<Level, String> listener) {
        problems = listener;
    }

    /** The option {@code logLevel}, once the options are read; a value already validated by them. */
    public static void level(String value) {
        if (value != null) {
            threshold = threshold(value);
        }
    }

    private static Level threshold(String value) {
        if (value == null || value.isBlank()) {
            return Level.INFO;
        }
        try {
            return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }

    private static final class AgentLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        AgentLogger(String name) {
            this.name = name;
        }

        private static boolean on(Level level) {
            return level.toInt() >= threshold.toInt();
        }

        @Override
        public boolean isTraceEnabled() {
            return on(Level.TRACE);
        }

        @Override
        public boolean isDebugEnabled() {
            return on(Level.DEBUG);
        }

        @Override
        public boolean isInfoEnabled() {
            return on(Level.INFO);
        }

        @Override
        public boolean isWarnEnabled() {
            return on(Level.WARN);
        }

        @Override
        public boolean isErrorEnabled() {
            return on(Level.ERROR);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, org.slf4j.Marker marker, String pattern,
                Object[] arguments, Throwable throwable) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            if (level.toInt() >= Level.WARN.toInt()) {
                BiConsumer<Level, String> listener = problems;
                try {
                    if (listener != null) {
                        listener.accept(level, throwable == null ? message : message + " (" + throwable + ")");
                    }
                } catch (RuntimeException e) {
                    // reporting is a courtesy; the line below is still written
                }
            }
            PrintStream err = System.err;
            StringBuilder line = UtcTime.append(new StringBuilder(96 + message.length()), System.currentTimeMillis())
                    .append(" [pgjmx] ").append(level).append(' ')
                    .append(name).append(" - ").append(message);
            synchronized (err) {
                err.println(line);
                if (throwable != null && on(Level.DEBUG)) {
                    throwable.printStackTrace(err);
                } else if (throwable != null) {
                    err.println("    " + throwable);
                }
            }
        }
    }
}
