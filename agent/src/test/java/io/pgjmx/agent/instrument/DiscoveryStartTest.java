package io.pgjmx.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.agent.families.PoolFamilies;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DiscoveryStartTest {

    /** premain watches for exactly the classes the advice goes into: a new one must be watched too. */
    @Test
    void watchesEveryInstrumentedClass() {
        assertThat(DiscoveryStart.WATCHED).isEqualTo(DiscoveryInstaller.typeNames(PoolFamilies.instrumentations()).stream()
                .map(n -> n.replace('.', '/')).collect(Collectors.toSet()));
    }
}
