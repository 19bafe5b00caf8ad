package io.pgjmx.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BulkCountTest {

    private static int count(String json) {
        return BulkCount.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void oneRequestOrTheElementsOfATopLevelArray() {
        assertThat(count("{\"type\":\"version\"}")).isEqualTo(1);
        assertThat(count("  []")).isZero();
        assertThat(count("[{\"type\":\"list\"}]")).isEqualTo(1);
        assertThat(count("[{\"type\":\"list\"}, {\"type\":\"version\"} ,{\"type\":\"list\"}]")).isEqualTo(3);
    }

    @Test
    void commasInsideStringsAndNestedValuesDoNotCount() {
        assertThat(count("[{\"type\":\"exec\",\"arguments\":[\"a,b\",[1,2,3]],\"x\":\"]\\\",[\"}, {\"type\":\"list\"}]"))
                .isEqualTo(2);
    }

    @Test
    void hostHeaderNamesAreComparedWithoutPortOrBrackets() {
        assertThat(RequestGuard.hostName("LocalHost:8778")).isEqualTo("localhost");
        assertThat(RequestGuard.hostName("[::1]:8778")).isEqualTo("::1");
        assertThat(RequestGuard.hostName("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(RequestGuard.hostName("example.com.:80")).isEqualTo("example.com");
        assertThat(JolokiaEndpoint.hostNames("127.0.0.1")).contains("localhost", "127.0.0.1").doesNotContain("example.com");
    }
}
