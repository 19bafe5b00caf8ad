package io.pgjmx.console;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where pgjmx-agent.jar is: given with --agent, else next to the console's jar (as shipped), else where this
 * repository builds it ({@code agent/target}, two levels above {@code jmx-console/target}).
 */
final class AgentJar {

    static final String NAME = "pgjmx-agent.jar";

    private AgentJar() {
    }

    static Path find(Path given) {
        if (given != null) {
            Path jar = given.toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar)) {
                throw new ConsoleException(ExitCodes.USAGE, "--agent " + given + ": no such file");
            }
            return jar;
        }
        List<Path> tried = new ArrayList<>();
        Path consoleDir = consoleJarDirectory();
        if (consoleDir != null) {
            tried.add(consoleDir.resolve(NAME));
            Path repo = consoleDir.getParent() == null ? null : consoleDir.getParent().getParent();
            if (repo != null) {
                tried.add(repo.resolve("agent").resolve("target").resolve(NAME));
            }
        }
        for (Path candidate : tried) {
            if (Files.isRegularFile(candidate)) {
                return candidate.normalize();
            }
        }
        throw new ConsoleException(ExitCodes.USAGE, "the agent jar was not found (looked at " + (tried.isEmpty()
                ? "nothing: the console does not run from a jar" : tried.toString()) + "); give it with --agent PATH");
    }

    private static Path consoleJarDirectory() {
        try {
            Path self = Path.of(AgentJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(self) ? self.toAbsolutePath().getParent() : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
