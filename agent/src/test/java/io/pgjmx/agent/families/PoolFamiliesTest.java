package io.pgjmx.agent.families;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.agent.instrument.LibraryInstrumentation;
import io.pgjmx.agent.instrument.PoolFamily;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolFamiliesTest {

    @Test
    void oneFamilyPerFolder() {
        assertThat(PoolFamilies.ALL).extracting(PoolFamily::name).containsExactly("hikari", "pgjdbc", "dbcp2",
                "tomcat", "c3p0", "agroal", "vibur", "spring", "direct");
        for (PoolFamily family : PoolFamilies.ALL) {
            assertThat(family.adapters()).allSatisfy(a -> assertThat(a.getClass().getPackageName())
                    .isEqualTo("io.pgjmx.agent.families." + family.name()));
            assertThat(family.instrumentations()).allSatisfy(i -> assertThat(i.getClass().getPackageName())
                    .isEqualTo("io.pgjmx.agent.families." + family.name()));
        }
    }

    /** The installer matches by exact name and needs each class advised by one library only. */
    @Test
    void noClassIsAdvisedByTwoLibraries() {
        List<String> names = new ArrayList<>();
        for (LibraryInstrumentation library : PoolFamilies.instrumentations()) {
            names.addAll(library.typeNames());
        }
        assertThat(names).doesNotHaveDuplicates().hasSize(20);
        assertThat(PoolFamilies.instrumentations()).hasSize(9);
        assertThat(PoolFamilies.adapters()).hasSize(11);
    }
}
