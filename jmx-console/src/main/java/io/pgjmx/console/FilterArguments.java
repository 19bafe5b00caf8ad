package io.pgjmx.console;

import java.util.List;

/**
 * A filter given as one or more arguments: {@code state=idle_in_transaction state_age=5m} needs no quotes in
 * a shell, so the words are joined with spaces, as the agent's grammar separates terms.
 */
final class FilterArguments {

    private FilterArguments() {
    }

    static String join(List<String> words) {
        return words == null ? "" : String.join(" ", words).trim();
    }
}
