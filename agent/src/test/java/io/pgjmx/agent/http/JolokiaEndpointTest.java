package io.pgjmx.agent.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The URL the endpoint publishes is the one Jolokia's own {@code JolokiaServer} gave for the same bind. */
class JolokiaEndpointTest {

    @Test
    void urlNamesTheBoundAddressAndPortWithTheTrailingSlash() throws Exception {
        assertThat(JolokiaEndpoint.url("http", new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8778)))
                .isEqualTo("http://127.0.0.1:8778/jolokia/");
        assertThat(JolokiaEndpoint.url("https", new InetSocketAddress(InetAddress.getByName("::1"), 43210)))
                .isEqualTo("https://[0:0:0:0:0:0:0:1]:43210/jolokia/");
    }

    @Test
    void aWildcardBindIsShownAsAnAddressOfThisMachine() throws Exception {
        String url = JolokiaEndpoint.url("http", new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 8778));
        String host = url.substring("http://".length(), url.lastIndexOf(':'));
        assertThat(InetAddress.getByName(host).isAnyLocalAddress()).isFalse();
        assertThat(url).endsWith(":8778/jolokia/");
    }
}
