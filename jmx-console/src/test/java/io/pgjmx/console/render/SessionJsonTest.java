package io.pgjmx.console.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.api.SessionFields;
import io.pgjmx.console.client.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jolokia.json.parser.JSONParser;
import org.junit.jupiter.api.Test;

/** --json: an array of objects with the contract's field names in its order, one object per line. */
class SessionJsonTest {

    private static Session session(int pid, String query, List<Integer> blockedBy) {
        return new Session(pid, null, "shop", "app", "orders", "10.0.0.7", 5555, "client backend", "active", "Lock",
                "tuple", query, "2026-01-01T10:00:00.000Z", null, "2026-01-01T10:00:01.000Z", "2026-01-01T10:00:01.000Z",
                -1, 4, 4, blockedBy, true);
    }

    @Test
    void noSessionsIsAnEmptyArray() throws Exception {
        assertThat(SessionJson.render(List.of())).isEqualTo("[]\n");
    }

    @Test
    void eachSessionIsOneLineWithEveryFieldInTheContractsOrder() throws Exception {
        String json = SessionJson.render(List.of(session(101, "select 1\nfrom \"t\"", List.of()),
                session(102, null, List.of(101))));

        List<String> lines = json.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("[");
        assertThat(lines.get(1)).startsWith("  {\"pid\":101,").endsWith("},");
        assertThat(lines.get(2)).startsWith("  {\"pid\":102,").endsWith("}");
        assertThat(lines.get(3)).isEqualTo("]");
        assertThat(json).endsWith("]\n");

        List<?> parsed = (List<?>) new JSONParser().parse(json);
        assertThat(parsed).hasSize(2);
        Map<?, ?> first = (Map<?, ?>) parsed.get(0);
        assertThat(new ArrayList<Object>(first.keySet())).containsExactlyInAnyOrderElementsOf(SessionFields.ALL);
        // the parser keeps no order: the text shows it
        List<Integer> positions = new ArrayList<>();
        for (String field : SessionFields.ALL) {
            positions.add(lines.get(1).indexOf("\"" + field + "\":"));
        }
        assertThat(positions).doesNotContain(-1).isSorted();
        assertThat(first.get("query")).isEqualTo("select 1\nfrom \"t\"");
        assertThat(first.get("transactionStart")).isNull();
        assertThat(((Number) first.get("transactionSeconds")).longValue()).isEqualTo(-1);
        assertThat(first.get("own")).isEqualTo(true);
        Map<?, ?> second = (Map<?, ?>) parsed.get(1);
        assertThat(((Number) second.get("pid")).intValue()).isEqualTo(102);
        assertThat((List<?>) second.get("blockedBy")).extracting(n -> ((Number) n).intValue()).containsExactly(101);
        assertThat(second.get("query")).isNull();
    }
}
