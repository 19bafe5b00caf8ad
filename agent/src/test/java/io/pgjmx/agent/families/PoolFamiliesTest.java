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
            // besides its own, a family's line may name the shared kinds of advice (borrow points, exhaustion),
            // which live in the instrument package and are told the family's class names
            assertThat(family.instrumentations()).allSatisfy(i -> assertThat(i.getClass().getPackageName())
                    .isIn("io.pgjmx.agent.families." + family.name(), "io.pgjmx.agent.instrument"));
        }
    }

    /**
     * The installer matches by exact name; a class belongs to one family only (a family may advise it with
     * several transformations: Byte Buddy applies every one that matches).
     */
    @Test
    void noClassIsAdvisedByTwoFamilies() {
        List<String> names = new ArrayList<>();
        for (PoolFamily family : PoolFamilies.ALL) {
            java.util.Set<String> own = new java.util.HashSet<>();
            for (LibraryInstrumentation library : family.instrumentations()) {
                own.addAll(library.typeNames());
            }
            names.addAll(own);
        }
        assertThat(names).doesNotHaveDuplicates().hasSize(25);
        // 9 discovery, 7 borrow points (DBCP2 twice), 4 exhaustion (HikariCP, DBCP2 twice, Tomcat JDBC)
        assertThat(PoolFamilies.instrumentations()).hasSize(20);
        assertThat(PoolFamilies.adapters()).hasSize(11);
    }

    /**
     * premain's gate waits for the weaver only for the classes on this list; one missing would be woven only by
     * the retransformation after the start, and its first uses would go unseen.
     */
    @Test
    void thePremainListNamesExactlyTheHookedClasses() {
        java.util.Set<String> hooked = new java.util.TreeSet<>();
        for (LibraryInstrumentation library : PoolFamilies.instrumentations()) {
            hooked.addAll(library.typeNames());
        }
        assertThat(new java.util.TreeSet<>(HookedClassNames.ALL)).isEqualTo(hooked);
    }
}
