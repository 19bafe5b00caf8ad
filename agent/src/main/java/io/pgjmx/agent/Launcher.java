package io.pgjmx.agent;

import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar pgjmx-agent.jar COMMAND}. The only command is {@code attach}; it lives in
 * {@code io.pgjmx.agent.attach} and needs the JDK's {@code jdk.attach} module, which a JRE may lack.
 */
final class Launcher {

    private Launcher() {
    }

    static int run(String[] args) {
        List<String> words = Arrays.asList(args);
        if (words.isEmpty()) {
            System.err.println(usage());
            return 2;
        }
        switch (words.get(0)) {
            case "attach":
                return attach(words.subList(1, words.size()));
            case "help":
            case "-h":
            case "--help":
                System.out.println(usage());
                return 0;
            case "version":
            case "--version":
                System.out.println("pgjmx " + AgentRuntime.version());
                return 0;
            default:
                System.err.println("unknown command '" + words.get(0) + "'\n\n" + usage());
                return 2;
        }
    }

    private static int attach(List<String> args) {
        if (args.isEmpty()) {
            System.err.println("attach needs the PID of the JVM\n\n" + usage());
            return 2;
        }
        try {
            int status = io.pgjmx.agent.attach.AttachCommand.run(args, System.out, System.err);
            if (status == io.pgjmx.agent.attach.ExitStatus.USAGE) {
                System.err.println("\n" + usage());
            }
            return status;
        } catch (NoClassDefFoundError e) {
            System.err.println("pgjmx attach: this Java (" + System.getProperty("java.home") + ") has no jdk.attach "
                    + "module; run the command with a full JDK's java");
            return 1;
        }
    }

    private static String usage() {
        return "pgjmx " + AgentRuntime.version() + "\n"
                + "\n"
                + "Usage: java -jar pgjmx-agent.jar attach PID [key=value,...]\n"
                + "\n"
                + "Loads pgjmx into the running JVM with process id PID (list them with: jps -l), waits until it is\n"
                + "up and prints its Jolokia URL and the DataSources it found. The options are the agent options\n"
                + "(readOnly=true, port=0, jolokia=false, monitorUser=..., ...). Attaching again is harmless.\n"
                + "Run it as the user that runs the JVM.\n"
                + "\n"
                + "Give passwords in the environment (PGJMX_PASSWORD, PGJMX_MONITOR_PASSWORD) or in config=FILE, which\n"
                + "this command reads and sends over the attach socket; other local users can read its command line.\n"
                + "\n"
                + "To start an application with pgjmx instead: java -javaagent:pgjmx-agent.jar[=key=value,...] ...\n"
                + "\n"
                + "Exit status:\n"
                + io.pgjmx.agent.attach.ExitStatus.table();
    }
}
