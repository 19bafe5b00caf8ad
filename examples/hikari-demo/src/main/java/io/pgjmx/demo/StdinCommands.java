package io.pgjmx.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.util.Locale;

/** The demo's interactive side: commands typed on stdin. Without a terminal (stdin at EOF) it just goes away. */
record StdinCommands(Incident incident, StatusReporter reporter, long pid, Runnable quit) {
    static final String HELP = "commands: incident | release | status | quit";

    void start() {
        Thread thread = new Thread(this::readCommands, "demo-stdin");
        // a read blocked on the terminal must not keep the JVM alive after 'quit' or --duration
        thread.setDaemon(true);
        thread.start();
    }

    private void readCommands() {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        try {
            String line;
            while ((line = in.readLine()) != null) {
                execute(line.trim().toLowerCase(Locale.ROOT));
            }
        } catch (IOException e) {
            Out.line("stdin unreadable, commands disabled: " + e.getMessage());
        }
    }

    private void execute(String command) {
        switch (command) {
            case "" -> {
            }
            case "incident" -> {
                if (!incident.start()) {
                    Out.line("an incident is already in progress ('release' ends it)");
                }
            }
            case "release" -> {
                if (!incident.release()) {
                    Out.line("no incident in progress");
                }
            }
            case "status" -> {
                reporter.printNow();
                PgjmxAgentStatus.print(pid);
            }
            case "quit", "exit" -> quit.run();
            case "help", "?" -> Out.line(HELP);
            default -> Out.line("unknown command '" + command + "'; " + HELP);
        }
    }
}
