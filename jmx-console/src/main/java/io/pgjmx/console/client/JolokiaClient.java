package io.pgjmx.console.client;

import io.pgjmx.api.AgentAttributes;
import io.pgjmx.api.DataSourceOperations;
import io.pgjmx.api.ObjectNames;
import io.pgjmx.api.SessionAction;
import io.pgjmx.console.ConsoleException;
import io.pgjmx.console.ExitCodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jolokia.json.JSONArray;
import org.jolokia.json.JSONObject;
import org.jolokia.json.parser.JSONParser;
import org.jolokia.json.parser.ParseException;

/** The pgjmx MBeans over the agent's Jolokia HTTP endpoint: POSTed JSON requests, JSON answers. */
public final class JolokiaClient implements PgjmxClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI url;
    private final String authorization;

    JolokiaClient(String url, String user, String password) {
        this.url = URI.create(url.endsWith("/") ? url : url + "/");
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
        return url.toString();
    }

    /** Whether this Jolokia serves {@code pgjmx:type=Agent} (a Jolokia without pgjmx answers 404 for it). */
    boolean hasAgent() {
        try {
            attributes(ObjectNames.AGENT, List.of(AgentAttributes.VERSION));
            return true;
        } catch (OperationFailed e) {
            if (e.errorType().equals("InstanceNotFoundException") || e.errorType().equals("SecurityException")) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Map<String, Object> attributes(String mbean, List<String> attributes) {
        JSONObject request = new JSONObject();
        request.put("type", "read");
        request.put("mbean", mbean);
        request.put("attribute", new JSONArray(attributes));
        Object value = send(request);
        Map<String, Object> ordered = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            for (String a : attributes) {
                ordered.put(a, m.get(a));
            }
        }
        return ordered;
    }

    @Override
    public List<Session> listSessions(String dataSource, String filter) {
        Object value = exec(dataSource, DataSourceOperations.LIST_SESSIONS, filter);
        List<Session> sessions = new ArrayList<>();
        if (value instanceof List<?> rows) {
            for (Object row : rows) {
                sessions.add(Session.of(new JsonFields((Map<?, ?>) row)));
            }
        }
        return sessions;
    }

    @Override
    public boolean signal(SessionAction action, String dataSource, int pid) {
        return Boolean.TRUE.equals(exec(dataSource, action.oneOperation(), pid));
    }

    @Override
    public List<Integer> signalAll(SessionAction action, String dataSource, String filter) {
        return JsonFields.integers(exec(dataSource, action.bulkOperation(), filter));
    }

    @Override
    public String explainSession(String dataSource, int pid) {
        return (String) exec(dataSource, DataSourceOperations.EXPLAIN_SESSION, pid);
    }

    @Override
    public Object sessionDetail(String dataSource, int pid) {
        return exec(dataSource, DataSourceOperations.SESSION_DETAIL, pid);
    }

    @Override
    public String lockTree(String dataSource) {
        return (String) execWithout(dataSource, DataSourceOperations.LOCK_TREE);
    }

    @Override
    public Object lockRoots(String dataSource) {
        return execWithout(dataSource, DataSourceOperations.LOCK_ROOTS);
    }

    @Override
    public String incidentSnapshot(String dataSource) {
        return (String) execWithout(dataSource, DataSourceOperations.INCIDENT_SNAPSHOT);
    }

    private Object exec(String dataSource, String operation, Object argument) {
        return exec(dataSource, operation, List.of(argument));
    }

    private Object execWithout(String dataSource, String operation) {
        return exec(dataSource, operation, List.of());
    }

    private Object exec(String dataSource, String operation, List<Object> arguments) {
        JSONObject request = new JSONObject();
        request.put("type", "exec");
        request.put("mbean", ObjectNames.dataSource(dataSource));
        request.put("operation", operation);
        request.put("arguments", new JSONArray(arguments));
        return send(request);
    }

    /** POSTs one request; returns its {@code value}, or throws what the agent or the HTTP layer said. */
    private Object send(JSONObject request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toJSONString()));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ConsoleException(ExitCodes.UNREACHABLE, "cannot reach " + url + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleException(ExitCodes.FAILURE, "interrupted while waiting for " + url);
        }
        if (response.statusCode() == 401) {
            throw new ConsoleException(ExitCodes.UNREACHABLE, url + " refused " + (authorization == null
                    ? "a request without credentials: give --user and --password (or PGJMX_USER and PGJMX_PASSWORD)"
                    : "the user and password given") + " (HTTP 401)");
        }
        Map<?, ?> json = parse(response);
        Object status = json.get("status");
        if (status instanceof Number n && n.intValue() == 200) {
            return json.get("value");
        }
        int code = status instanceof Number n ? n.intValue() : response.statusCode();
        // Jolokia reports every refusal as 403 with a plain java.lang.Exception: the status is the answer
        String type = code == 403 ? "SecurityException"
                : json.get("error_type") instanceof String t ? t.substring(t.lastIndexOf('.') + 1) : "HTTP " + code;
        String error = String.valueOf(json.get("error"));
        // Jolokia puts the exception's class in front of the agent's message; the message alone is the answer
        int colon = error.indexOf(" : ");
        throw new OperationFailed(type, colon >= 0 && error.substring(0, colon).endsWith(type)
                ? error.substring(colon + 3) : error);
    }

    private Map<?, ?> parse(HttpResponse<String> response) {
        String body = response.body();
        try {
            if (body != null && body.startsWith("{")) {
                return new JSONParser().parse(body, Map.class);
            }
        } catch (ParseException | IOException e) {
            // falls through: not Jolokia
        }
        throw new ConsoleException(ExitCodes.NO_PGJMX, url + " does not answer as a Jolokia endpoint (HTTP "
                + response.statusCode() + "); pgjmx's is at http://HOST:PORT/jolokia/ (the agent's "
                + AgentAttributes.JOLOKIA_URL + ")");
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused (is the agent's HTTP endpoint on? see " + AgentAttributes.JOLOKIA_URL + " of "
                    + ObjectNames.AGENT + ")";
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        // java.net.http keeps no connection that needs closing on JDK 17
    }

    /** The fields of one JSON object of listSessions. */
    private record JsonFields(Map<?, ?> row) implements Session.FieldSource {
        @Override
        public Object get(String field) {
            return row.get(field);
        }

        @Override
        public String date(String field) {
            Object v = row.get(field);
            return v == null ? null : v.toString();
        }

        @Override
        public List<Integer> integers(String field) {
            return integers(row.get(field));
        }

        static List<Integer> integers(Object value) {
            List<Integer> out = new ArrayList<>();
            if (value instanceof List<?> list) {
                list.forEach(v -> out.add(((Number) v).intValue()));
            }
            return out;
        }
    }
}
