package io.pgjmx.console.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each unit starts exactly at its boundary: 59s, then 1m00s; 59m59s, then 1h00m; 23h59m, then 1d00h. */
class AgesTest {

    @Test
    void secondsUpToAMinute() {
        assertThat(Ages.format(-1)).isEqualTo("-");
        assertThat(Ages.format(0)).isEqualTo("0s");
        assertThat(Ages.format(59)).isEqualTo("59s");
    }

    @Test
    void minutesAndSecondsUpToAnHour() {
        assertThat(Ages.format(60)).isEqualTo("1m00s");
        assertThat(Ages.format(3599)).isEqualTo("59m59s");
    }

    @Test
    void hoursAndMinutesUpToADay() {
        assertThat(Ages.format(3600)).isEqualTo("1h00m");
        assertThat(Ages.format(3600 + 59)).isEqualTo("1h00m");
        assertThat(Ages.format(86399)).isEqualTo("23h59m");
    }

    @Test
    void daysAndHoursBeyond() {
        assertThat(Ages.format(86400)).isEqualTo("1d00h");
        assertThat(Ages.format(86400 + 3599)).isEqualTo("1d00h");
        assertThat(Ages.format(400L * 86400 + 23 * 3600)).isEqualTo("400d23h");
    }
}
