package io.pgjmx.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UtcTimeTest {

    private static final DateTimeFormatter JAVA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    @Test
    void agreesWithJavaTimeAcrossLeapYearsCenturiesAndMillisecondEdges() {
        long[] edges = {0, 1, 999, 1000, 86_399_999, 86_400_000, -1, 951_782_400_000L /* 2000-02-29 */,
            4_107_542_399_999L /* 2100-02-28T23:59:59.999 */, 4_107_542_400_000L, 1_796_694_610_131L};
        for (long t : edges) {
            assertThat(format(t)).as("%d", t).isEqualTo(JAVA_TIME.format(Instant.ofEpochMilli(t)));
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long t = random.nextLong(0, 7_258_118_400_000L); // 1970 to 2200
            assertThat(format(t)).isEqualTo(JAVA_TIME.format(Instant.ofEpochMilli(t)));
        }
    }

    private static String format(long t) {
        return UtcTime.append(new StringBuilder(), t).toString();
    }
}
