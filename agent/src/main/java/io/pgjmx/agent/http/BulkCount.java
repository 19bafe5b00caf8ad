package io.pgjmx.agent.http;

/**
 * How many requests a JSON body holds, counted without parsing it: the elements of a top-level array, or 1.
 * Jolokia answers each element of a bulk request with a whole response, so the count bounds the answer.
 */
final class BulkCount {

    private BulkCount() {
    }

    static int of(byte[] json) {
        int i = 0;
        while (i < json.length && Character.isWhitespace(json[i])) {
            i++;
        }
        if (i == json.length || json[i] != '[') {
            return 1;
        }
        int depth = 0;
        int count = 0;
        boolean inString = false;
        boolean content = false;
        for (; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            switch (b) {
                case '"' -> {
                    inString = true;
                    content = true;
                }
                case '[', '{' -> {
                    if (depth++ >= 1) {
                        content = true;
                    }
                }
                case ']', '}' -> depth--;
                case ',' -> {
                    if (depth == 1) {
                        count++;
                    }
                }
                default -> {
                    if (depth >= 1 && !Character.isWhitespace(b)) {
                        content = true;
                    }
                }
            }
        }
        return content ? count + 1 : 0;
    }
}
