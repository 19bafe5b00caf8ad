package io.pgjmx.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jolokia.json.parser.JSONParser;

/** A plain HTTP client speaking Jolokia's protocol, as curl or a monitoring tool would. */
final class Http {

    private final HttpClient client;
    private final String base;
    private final String auth;

    Http(String baseUrl, String user, String password) {
        this(baseUrl, user, password, null);
    }

    /** Over HTTPS, trusting what {@code ssl} trusts. */
    Http(String baseUrl, String user, String password, javax.net.ssl.SSLContext ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        this.client = (ssl != null ? builder.sslContext(ssl) : builder).build();
        this.base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.auth = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Http(String baseUrl) {
        this(baseUrl, null, null);
    }

    record Response(int httpStatus, Map<String, Object> json, HttpResponse<String> raw) {
        int status() {
            return json == null ? httpStatus : ((Number) json.get("status")).intValue();
        }

        Object value() {
            return json.get("value");
        }

        String error() {
            return (String) json.get("error");
        }
    }

    /** GET with the path segments of Jolokia's URL syntax, each escaped for a path. */
    Response get(String... segments) throws Exception {
        StringBuilder path = new StringBuilder(base);
        for (int i = 0; i < segments.length; i++) {
            path.append(i == 0 ? "" : "/").append(URLEncoder.encode(segments[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return send(HttpRequest.newBuilder(URI.create(path.toString())).GET());
    }

    Response post(String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json"));
    }

    Response send(HttpRequest.Builder request) throws Exception {
        if (auth != null) {
            request.header("Authorization", auth);
        }
        HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> json = null;
        if (r.body() != null && r.body().startsWith("{")) {
            json = new JSONParser().parse(r.body(), Map.class);
        }
        return new Response(r.statusCode(), json, r);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Response r) {
        return (List<Map<String, Object>>) r.value();
    }

    /** A JSON string literal: quote, backslash and every control character escaped. */
    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** An int[] answer (Jolokia writes it as a JSON array of numbers). */
    @SuppressWarnings("unchecked")
    static List<Integer> ints(Response r) {
        return ((List<Object>) r.value()).stream().map(v -> ((Number) v).intValue()).toList();
    }

    static String exec(String mbean, String operation, Object argument) {
        String arg = argument instanceof String s ? jsonString(s) : String.valueOf(argument);
        return "{\"type\":\"exec\",\"mbean\":\"" + mbean + "\",\"operation\":\"" + operation + "\",\"arguments\":[" + arg + "]}";
    }
}
