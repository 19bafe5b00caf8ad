package io.pgjmx.agent.options;

import io.pgjmx.api.OptionKeys;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The agent's options, read once: agent arguments win over the {@code config=} file, which wins over
 * {@code pgjmx.KEY} system properties. Every problem is collected and reported together, naming the key,
 * where it came from and what is valid; with any problem the agent does not start (a mistyped
 * {@code readOnly} must not silently give a writable agent).
 */
public final class AgentOptions {

    public static final List<String> KEYS = OptionKeys.ALL;
    /** Jolokia's own TLS option names, passed to it as they are. */
    private static final List<String> TLS_KEYS = OptionKeys.TLS;

    public static final String ENV_PASSWORD = OptionKeys.ENV_PASSWORD;
    public static final String ENV_MONITOR_PASSWORD = OptionKeys.ENV_MONITOR_PASSWORD;
    /** The secrets that may come from the environment, so that no command line shows them. */
    private static final Map<String, String> ENVIRONMENT = Map.of(ENV_PASSWORD, OptionKeys.PASSWORD,
            ENV_MONITOR_PASSWORD, OptionKeys.MONITOR_PASSWORD);

    private final String host;
    private final int port;
    private final boolean jolokia;
    private final String user;
    private final String password;
    private final boolean readOnly;
    private final String monitorUser;
    private final String monitorPassword;
    private final long queryTimeoutMillis;
    private final String logLevel;
    private final boolean metrics;
    private final boolean borrowStacks;
    private final boolean web;
    private final Map<String, String> tls;
    private final Path snapshotDir;
    private final long snapshotIntervalMillis;

    private AgentOptions(Map<String, String> values) {
        this.host = values.getOrDefault(OptionKeys.HOST, "127.0.0.1");
        this.port = Integer.parseInt(values.getOrDefault(OptionKeys.PORT, "8778"));
        this.jolokia = Boolean.parseBoolean(values.getOrDefault(OptionKeys.JOLOKIA, "true"));
        this.user = values.get(OptionKeys.USER);
        this.password = values.get(OptionKeys.PASSWORD);
        this.readOnly = Boolean.parseBoolean(values.getOrDefault(OptionKeys.READ_ONLY, "false"));
        this.monitorUser = values.get(OptionKeys.MONITOR_USER);
        this.monitorPassword = values.get(OptionKeys.MONITOR_PASSWORD);
        this.queryTimeoutMillis = millis(values.getOrDefault(OptionKeys.QUERY_TIMEOUT, "5s"));
        this.logLevel = values.get(OptionKeys.LOG_LEVEL);
        this.metrics = Boolean.parseBoolean(values.getOrDefault(OptionKeys.METRICS, "true"));
        this.borrowStacks = Boolean.parseBoolean(values.getOrDefault(OptionKeys.BORROW_STACKS, "false"));
        this.web = Boolean.parseBoolean(values.getOrDefault(OptionKeys.WEB, "true"));
        Map<String, String> tlsValues = new LinkedHashMap<>();
        for (String key : TLS_KEYS) {
            if (values.containsKey(key)) {
                tlsValues.put(key, values.get(key));
            }
        }
        this.tls = Map.copyOf(tlsValues);
        this.snapshotDir = SnapshotOptions.dir(values.get(OptionKeys.SNAPSHOT_DIR));
        this.snapshotIntervalMillis = millis(values.getOrDefault(OptionKeys.SNAPSHOT_INTERVAL,
                SnapshotOptions.DEFAULT_INTERVAL));
    }

    /** Thrown with every problem found, one per line. */
    public static final class InvalidOptionsException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidOptionsException(List<String> problems) {
            super(String.join(System.lineSeparator(), problems));
        }
    }

    public static AgentOptions defaults() {
        return new AgentOptions(Map.of());
    }

    /** As {@link #parse(String, Properties, Map)} with this process's environment. */
    public static AgentOptions parse(String agentArgs, Properties systemProperties) throws InvalidOptionsException {
        return parse(agentArgs, systemProperties, System.getenv());
    }

    /**
     * Agent arguments win over the {@code config=} file, which wins over the environment ({@value #ENV_PASSWORD},
     * {@value #ENV_MONITOR_PASSWORD}), which wins over {@code pgjmx.KEY} system properties. No problem holds an
     * option's value: a value may be a password, and the problems are readable through the attach API.
     */
    public static AgentOptions parse(String agentArgs, Properties systemProperties, Map<String, String> environment)
            throws InvalidOptionsException {
        List<String> problems = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>();
        Map<String, String> fromArgs = parseArgs(agentArgs, problems, sources);
        Map<String, String> fromProps = new LinkedHashMap<>();
        Map<String, String> propSources = new LinkedHashMap<>();
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(OptionKeys.SYSTEM_PROPERTY_PREFIX)) {
                put(fromProps, name.substring(OptionKeys.SYSTEM_PROPERTY_PREFIX.length()),
                        systemProperties.getProperty(name),
                        "system property " + name, problems, propSources);
            }
        }
        Map<String, String> fromEnv = new LinkedHashMap<>();
        Map<String, String> envSources = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : ENVIRONMENT.entrySet()) {
            String value = environment.get(e.getKey());
            if (value != null && !value.isEmpty()) {
                put(fromEnv, e.getValue(), value, "environment variable " + e.getKey(), problems, envSources);
            }
        }
        String configPath = fromArgs.containsKey(OptionKeys.CONFIG) ? fromArgs.get(OptionKeys.CONFIG)
                : fromProps.get(OptionKeys.CONFIG);
        Map<String, String> fromFile = new LinkedHashMap<>();
        Map<String, String> fileSources = new LinkedHashMap<>();
        if (configPath != null) {
            readFile(configPath, fromFile, problems, fileSources);
        }
        Map<String, String> merged = new LinkedHashMap<>(fromProps);
        merged.putAll(fromEnv);
        merged.putAll(fromFile);
        merged.putAll(fromArgs);
        Map<String, String> mergedSources = new LinkedHashMap<>(propSources);
        mergedSources.putAll(envSources);
        mergedSources.putAll(fileSources);
        mergedSources.putAll(sources);
        validate(merged, mergedSources, problems);
        if (!problems.isEmpty()) {
            throw new InvalidOptionsException(problems);
        }
        return new AgentOptions(merged);
    }

    /**
     * {@code key=value,key=value}. A value holding commas is quoted whole, {@code password='a,b'} ({@code ''}
     * inside the quotes is one quote), or written with {@code \,} for each comma.
     */
    private static Map<String, String> parseArgs(String args, List<String> problems, Map<String, String> sources) {
        Map<String, String> values = new LinkedHashMap<>();
        if (args == null || args.isBlank()) {
            return values;
        }
        String previousKey = null;
        for (AgentArguments.Arg arg : AgentArguments.split(args)) {
            if (arg.blank()) {
                continue;
            }
            String where = "agent argument " + arg.position();
            if (arg.key() == null || arg.key().isEmpty()) {
                problems.add(where + " is not key=value" + splitSecretHint(previousKey) + "; valid keys: "
                        + validKeys());
            } else if (arg.problem() != null) {
                problems.add("option " + arg.key() + " (" + where + ") " + arg.problem());
                // kept, so that the problem is not followed by a misleading "user and password go together"
                put(values, arg.key(), arg.value(), where, new ArrayList<>(), sources);
            } else if (canonicalKey(arg.key()) == null && isSecret(previousKey)) {
                problems.add(where + " names no option" + splitSecretHint(previousKey) + "; valid keys: "
                        + validKeys());
            } else {
                put(values, arg.key(), arg.value(), where, problems, sources);
            }
            previousKey = arg.key();
        }
        return values;
    }

    /** A comma inside an unquoted password splits it: the next argument is likely its tail, so it is not shown. */
    private static String splitSecretHint(String previousKey) {
        if (!isSecret(previousKey)) {
            return "";
        }
        return " (if the value of " + previousKey + " holds a comma, quote the whole value: " + previousKey
                + "='...')";
    }

    private static boolean isSecret(String key) {
        return key != null && key.toLowerCase(Locale.ROOT).endsWith("password");
    }

    private static void readFile(String path, Map<String, String> values, List<String> problems,
            Map<String, String> sources) {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            file.load(reader);
        } catch (IOException | RuntimeException e) {
            problems.add("option config=" + path + " cannot be read (" + e.getMessage()
                    + "); give the path of a readable properties file");
            return;
        }
        for (String name : file.stringPropertyNames()) {
            if (name.equals(OptionKeys.CONFIG)) {
                problems.add("config file " + path + " may not name another config file");
                continue;
            }
            put(values, name, file.getProperty(name).trim(), "config file " + path, problems, sources);
        }
    }

    private static void put(Map<String, String> values, String key, String value, String source,
            List<String> problems, Map<String, String> sources) {
        String canonical = canonicalKey(key);
        if (canonical == null) {
            // named only when it looks like a key; anything else may be the tail of a split value (a password).
            // Compiled here, on this error path only: a valid start compiles no regex
            String named = key.matches("[A-Za-z][A-Za-z0-9._-]{0,63}") ? "unknown option '" + key + "'" : "an unknown option";
            problems.add(named + " in " + source + "; valid keys: " + validKeys());
            return;
        }
        values.put(canonical, value);
        sources.put(canonical, source);
    }

    /** Keys are matched case-insensitively, so {@code readonly=true} means what the user meant. */
    private static String canonicalKey(String key) {
        for (String known : KEYS) {
            if (known.equalsIgnoreCase(key)) {
                return known;
            }
        }
        return null;
    }

    private static void validate(Map<String, String> v, Map<String, String> sources, List<String> problems) {
        if (v.containsKey(OptionKeys.HOST) && v.get(OptionKeys.HOST).isEmpty()) {
            problems.add("option host is empty; give an address to bind to, e.g. host=127.0.0.1 or host=0.0.0.0");
        }
        if (v.containsKey(OptionKeys.PORT)) {
            String port = v.get(OptionKeys.PORT);
            boolean ok;
            try {
                int p = Integer.parseInt(port);
                ok = p >= 0 && p <= 65535;
            } catch (NumberFormatException e) {
                ok = false;
            }
            if (!ok) {
                problems.add("option port (" + sources.get(OptionKeys.PORT)
                        + ") is not valid; give a TCP port 1-65535, or 0 "
                        + "for any free port");
            }
        }
        if (v.containsKey(OptionKeys.QUERY_TIMEOUT)) {
            String value = v.get(OptionKeys.QUERY_TIMEOUT).trim().toLowerCase(Locale.ROOT);
            if (millis(value) < 100 || millis(value) > 3_600_000) {
                problems.add("option queryTimeout (" + sources.get(OptionKeys.QUERY_TIMEOUT) + ") is not valid; give a "
                        + "duration from 100ms to 1h: a whole number with an optional unit ms, s, m or h, e.g. 5s, 1500ms, 1m");
            } else {
                v.put(OptionKeys.QUERY_TIMEOUT, value);
            }
        }
        SnapshotOptions.validate(v, sources, problems);
        if (v.containsKey(OptionKeys.LOG_LEVEL)) {
            String level = v.get(OptionKeys.LOG_LEVEL).trim().toLowerCase(Locale.ROOT);
            if (!List.of("error", "warn", "info", "debug").contains(level)) {
                problems.add("option logLevel (" + sources.get(OptionKeys.LOG_LEVEL)
                        + ") is not valid; give error, warn, info or debug");
            } else {
                v.put(OptionKeys.LOG_LEVEL, level);
            }
        }
        for (String key : List.of(OptionKeys.JOLOKIA, OptionKeys.READ_ONLY, OptionKeys.METRICS, OptionKeys.WEB,
                OptionKeys.USE_SSL_CLIENT_AUTHENTICATION, OptionKeys.BORROW_STACKS)) {
            if (v.containsKey(key)) {
                String value = v.get(key).toLowerCase(Locale.ROOT);
                if (!value.equals("true") && !value.equals("false")) {
                    problems.add("option " + key + " (" + sources.get(key) + ") is not valid; give true or false");
                } else {
                    v.put(key, value);
                }
            }
        }
        if (v.containsKey(OptionKeys.USER) != v.containsKey(OptionKeys.PASSWORD)) {
            problems.add("options user and password go together: give both for HTTP basic auth, or neither");
        } else if (v.containsKey(OptionKeys.USER) && v.get(OptionKeys.USER).isEmpty()) {
            problems.add("option user is empty; give a user name for HTTP basic auth");
        }
        if (v.containsKey(OptionKeys.PROTOCOL)) {
            String protocol = v.get(OptionKeys.PROTOCOL).toLowerCase(Locale.ROOT);
            if (!protocol.equals("http") && !protocol.equals("https")) {
                problems.add("option protocol (" + sources.get(OptionKeys.PROTOCOL)
                        + ") is not valid; give http or https");
            } else {
                v.put(OptionKeys.PROTOCOL, protocol);
            }
        }
        if ("true".equals(v.get(OptionKeys.USE_SSL_CLIENT_AUTHENTICATION)) && !v.containsKey(OptionKeys.CA_CERT)) {
            problems.add("option useSslClientAuthentication=true needs caCert: the PEM file of the CA that signs "
                    + "client certificates");
        }
        if (v.containsKey(OptionKeys.SERVER_CERT) != v.containsKey(OptionKeys.SERVER_KEY)) {
            problems.add("options serverCert and serverKey go together: give both PEM files, or use keystore");
        }
        if (v.containsKey(OptionKeys.MONITOR_PASSWORD) && !v.containsKey(OptionKeys.MONITOR_USER)) {
            problems.add("option monitorPassword needs monitorUser: the role the monitoring connection logs in as");
        } else if (v.containsKey(OptionKeys.MONITOR_USER) && v.get(OptionKeys.MONITOR_USER).isEmpty()) {
            problems.add("option monitorUser is empty; give a PostgreSQL role name");
        }
    }

    /**
     * A duration in the filter's forms ({@code 90}, {@code 90s}, {@code 5m}), and {@code ms} for sub-second ones:
     * up to 9 digits and an optional unit; -1 when {@code value} is not one. Read by hand, for the start
     * compiles no regex.
     */
    static long millis(String value) {
        int digits = 0;
        while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 || digits > 9) {
            return -1;
        }
        long amount = Long.parseLong(value.substring(0, digits));
        return switch (value.substring(digits)) {
            case "ms" -> amount;
            case "", "s" -> amount * 1000;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            case "d" -> amount * 86_400_000;
            default -> -1;
        };
    }

    private static String validKeys() {
        return String.join(", ", KEYS);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean jolokia() {
        return jolokia;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public String monitorUser() {
        return monitorUser;
    }

    public String monitorPassword() {
        return monitorPassword;
    }

    /** Statement and network timeout of every monitoring query; nobody waits longer behind another. */
    /** {@code error}, {@code warn}, {@code info} or {@code debug}; null when not given (PGJMX_LOG_LEVEL then). */
    public String logLevel() {
        return logLevel;
    }

    public long queryTimeoutMillis() {
        return queryTimeoutMillis;
    }

    public boolean metrics() {
        return metrics;
    }

    /** Keep the stack of every borrow too (a Throwable per borrow, as a pool's leak detection does). */
    public boolean borrowStacks() {
        return borrowStacks;
    }

    /** Serve the sessions page {@code /pgjmx/} on the HTTP endpoint. */
    public boolean web() {
        return web;
    }

    /** {@code protocol} and the TLS options given, under Jolokia's names; empty for plain HTTP. */
    public Map<String, String> tls() {
        return tls;
    }

    public boolean https() {
        return "https".equals(tls.get(OptionKeys.PROTOCOL));
    }

    /** Where automatic incident snapshots are written (created with owner-only permissions when first needed). */
    public Path snapshotDir() {
        return snapshotDir;
    }

    /** At most one automatic incident snapshot per DataSource in this time; 0 = never. */
    public long snapshotIntervalMillis() {
        return snapshotIntervalMillis;
    }

    /** For the log: never shows a password. */
    @Override
    public String toString() {
        return "host=" + host + ", port=" + port + ", jolokia=" + jolokia + ", auth=" + (user != null ? "basic" : "none")
                + (https() ? ", protocol=https" : "") + ", readOnly=" + readOnly + ", queryTimeout=" + queryTimeoutMillis
                + "ms, metrics=" + metrics + ", web=" + web + (borrowStacks ? ", borrowStacks=true" : "")
                + (monitorUser != null ? ", monitorUser=" + monitorUser : "");
    }
}
