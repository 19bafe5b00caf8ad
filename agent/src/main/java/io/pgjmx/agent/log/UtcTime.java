package io.pgjmx.agent.log;

/**
 * A log line's time stamp, {@code 2026-12-08T01:50:10.066Z}: UTC, milliseconds, as every JVM log has them.
 * Written out by hand because {@code java.time}'s formatter loads some sixty classes and takes about 9 ms
 * the first time in a fresh JVM, and the agent's first line is written while the application starts.
 */
final class UtcTime {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private UtcTime() {
    }

    static StringBuilder append(StringBuilder out, long epochMillis) {
        long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        // civil date from days since 1970-01-01 (proleptic Gregorian, eras of 400 years)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        out.append(year).append('-');
        two(out, month).append('-');
        two(out, day).append('T');
        two(out, millisOfDay / 3_600_000).append(':');
        two(out, millisOfDay / 60_000 % 60).append(':');
        two(out, millisOfDay / 1000 % 60).append('.');
        int millis = millisOfDay % 1000;
        if (millis < 100) {
            out.append('0');
        }
        return two(out, millis).append('Z');
    }

    private static StringBuilder two(StringBuilder out, int value) {
        return value < 10 ? out.append('0').append(value) : out.append(value);
    }
}
