package io.pgjmx.demo;

import java.time.Duration;

/** Command line of the demo; parsed by hand so the fat jar carries nothing but the pool and the driver. */
record DemoOptions(String jdbcUrl, String user, String password, int poolSize, boolean incident,
        Duration duration, boolean quiet, boolean help) {

    static final String USAGE = String.join("\n",
            "usage: java -jar pgjmx-hikari-demo.jar [options]",
            "  --jdbc-url URL      PostgreSQL to use (default: an embedded PostgreSQL, as role demo_app)",
            "  --user U            user for --jdbc-url",
            "  --password P        password for --jdbc-url",
            "  --pool-size N       maximumPoolSize of the pool (default 5, at least 2)",
            "  --incident          start the idle-in-transaction incident right away",
            "  --duration SECONDS  exit after that many seconds (default: run until killed or 'quit')",
            "  --quiet             no periodic status line (events are still printed)",
            "  --help              this text");

    static DemoOptions parse(String[] args) {
        String jdbcUrl = null;
        String user = null;
        String password = null;
        int poolSize = 5;
        boolean incident = false;
        Duration duration = null;
        boolean quiet = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inlineValue = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--jdbc-url" -> jdbcUrl = inlineValue != null ? inlineValue : value(args, ++i, arg);
                case "--user" -> user = inlineValue != null ? inlineValue : value(args, ++i, arg);
                case "--password" -> password = inlineValue != null ? inlineValue : value(args, ++i, arg);
                case "--pool-size" -> poolSize = number(inlineValue != null ? inlineValue : value(args, ++i, arg), arg);
                case "--duration" -> duration = Duration.ofSeconds(
                        number(inlineValue != null ? inlineValue : value(args, ++i, arg), arg));
                case "--incident" -> incident = true;
                case "--quiet" -> quiet = true;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        if (jdbcUrl == null && (user != null || password != null)) {
            throw new IllegalArgumentException("--user and --password only go with --jdbc-url");
        }
        if (poolSize < 2) {
            // one connection holds the lock; the incident is only visible if at least one other is blocked
            throw new IllegalArgumentException("--pool-size must be at least 2");
        }
        if (duration != null && duration.isZero()) {
            throw new IllegalArgumentException("--duration must be at least 1 second");
        }
        return new DemoOptions(jdbcUrl, user, password, poolSize, incident, duration, quiet, help);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int number(String text, String option) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a non-negative whole number, not '" + text + "'");
        }
    }
}
