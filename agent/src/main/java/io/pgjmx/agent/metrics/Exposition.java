package io.pgjmx.agent.metrics;

import java.util.Locale;

/**
 * Writes metric families in the Prometheus text format 0.0.4 or in OpenMetrics 1.0, chosen by the scraper's
 * {@code Accept} header.
 *
 * <p>Our own few lines rather than the Prometheus Java client: the agent exposes a dozen gauges and two
 * counters from one snapshot, which needs only escaping and the two formats' differences (counter family
 * names, the info type, {@code # EOF}); the client library would add several hundred KB and its own class
 * loading to every JVM that carries the agent, against the start-up budget.
 */
public final class Exposition {

    /** The two formats; the content type is what the response must say. */
    public enum Format {
        PROMETHEUS("text/plain; version=0.0.4; charset=utf-8"),
        OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8");

        private final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }
    }

    /** Metric types as both formats name them. */
    public enum Type {
        GAUGE, COUNTER, INFO
    }

    private final Format format;
    private final StringBuilder out = new StringBuilder(2048);

    public Exposition(Format format) {
        this.format = format;
    }

    /** OpenMetrics when the scraper asks for it (Prometheus does by default), else the classic text format. */
    public static Format negotiate(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")
                ? Format.OPENMETRICS : Format.PROMETHEUS;
    }

    public Format format() {
        return format;
    }

    /**
     * Starts a family. {@code sampleName} is the name its samples carry ({@code pgjmx_cancels_total},
     * {@code pgjmx_agent_info}); OpenMetrics names the family without the type's suffix.
     */
    public Exposition family(String sampleName, Type type, String help) {
        String family = sampleName;
        String typeText = type.name().toLowerCase(Locale.ROOT);
        if (format == Format.OPENMETRICS) {
            if (type == Type.COUNTER) {
                family = strip(sampleName, "_total");
            } else if (type == Type.INFO) {
                family = strip(sampleName, "_info");
            }
        } else if (type == Type.INFO) {
            typeText = "gauge"; // the classic format has no info type; a gauge of 1 is the convention
        }
        out.append("# HELP ").append(family).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(family).append(' ').append(typeText).append('\n');
        return this;
    }

    /** One sample; labels as name, value pairs. */
    public Exposition sample(String sampleName, double value, String... labels) {
        out.append(sampleName);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(labels[i]).append("=\"").append(escapeLabel(labels[i + 1])).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
        return this;
    }

    public String finish() {
        if (format == Format.OPENMETRICS) {
            out.append("# EOF\n");
        }
        return out.toString();
    }

    private static String strip(String name, String suffix) {
        return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }

    /** Both formats: backslash, double quote and line feed are escaped in label values. */
    static String escapeLabel(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
