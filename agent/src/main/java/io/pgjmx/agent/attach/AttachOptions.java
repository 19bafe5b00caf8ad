package io.pgjmx.agent.attach;

import io.pgjmx.agent.options.AgentArguments;
import io.pgjmx.agent.options.AgentArguments.Arg;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The agent arguments the attach command sends to the target. Secrets need not be on the command line, where
 * any local user reads them in {@code /proc/PID/cmdline}: {@code PGJMX_PASSWORD} and
 * {@code PGJMX_MONITOR_PASSWORD} from the command's environment, and every key of a {@code config=FILE} read
 * here (the target may not see the same file, nor resolve a relative path the same way). They travel over the
 * attach socket only. The command line wins over the file, which wins over the environment, as in the agent.
 */
final class AttachOptions {

    private static final Map<String, String> ENVIRONMENT = Map.of("PGJMX_PASSWORD", "password",
            "PGJMX_MONITOR_PASSWORD", "monitorPassword");

    private AttachOptions() {
    }

    /** {@code words}: the options after the PID, each {@code key=value[,key=value]}. Null for none. */
    static String build(List<String> words, Map<String, String> environment) throws AttachFailure {
        String given = String.join(",", words);
        List<Arg> args = given.isBlank() ? List.of() : AgentArguments.split(given);
        boolean wellFormed = args.stream().allMatch(a -> a.blank()
                || (a.key() != null && !a.key().isEmpty() && a.problem() == null));
        String configPath = null;
        Set<String> mentioned = new HashSet<>();
        for (Arg a : args) {
            if (a.key() != null) {
                mentioned.add(a.key().toLowerCase(Locale.ROOT));
                if (a.key().equalsIgnoreCase("config") && configPath == null && wellFormed) {
                    configPath = a.value();
                }
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        ENVIRONMENT.forEach((variable, key) -> {
            String value = environment.get(variable);
            if (value != null && !value.isEmpty()) {
                extra.put(key, value);
            }
        });
        if (configPath != null) {
            extra.putAll(readConfig(configPath));
        }
        List<String> out = new ArrayList<>();
        if (wellFormed) {
            for (Arg a : args) {
                if (!a.blank() && !a.key().equalsIgnoreCase("config")) {
                    out.add(a.key() + "=" + quoted(a.value()));
                }
            }
        } else if (!given.isBlank()) {
            out.add(given); // the agent names what is wrong, at the positions the operator wrote
        }
        extra.forEach((key, value) -> {
            if (!mentioned.contains(key.toLowerCase(Locale.ROOT))) {
                out.add(key + "=" + quoted(value));
            }
        });
        return out.isEmpty() ? null : String.join(",", out);
    }

    /** In the agent's quoting: the whole value in single quotes, a quote inside written twice. */
    static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static Map<String, String> readConfig(String path) throws AttachFailure {
        Properties file = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
            file.load(reader);
        } catch (IOException | RuntimeException e) {
            throw new AttachFailure(ExitStatus.USAGE, "config=" + path + " cannot be read (" + e.getClass()
                    .getSimpleName() + "); give the path of a readable properties file");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : file.stringPropertyNames()) {
            if (name.trim().equalsIgnoreCase("config")) {
                throw new AttachFailure(ExitStatus.USAGE, "config file " + path + " may not name another config file");
            }
            values.put(name.trim(), file.getProperty(name).trim());
        }
        return values;
    }
}
