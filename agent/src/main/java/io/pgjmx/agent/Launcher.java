package io.pgjmx.agent;

/** {@code java -jar pgjmx-agent.jar COMMAND}. */
final class Launcher {

    private Launcher() {
    }

    static int run(String[] args) {
        System.err.println("pgjmx " + AgentRuntime.version() + " is a Java agent: start your application with\n"
                + "  java -javaagent:pgjmx-agent.jar[=key=value,...] ...\n"
                + "Attaching to a running JVM (the 'attach PID' command) is not part of this build yet.");
        return 2;
    }
}
