package io.pgjmx.agent.metrics;

import java.util.Map;

/**
 * What one scrape shows of one DataSource, read from its last snapshot (never a query per metric). An
 * unknown figure is null (or an empty map) and is left out of the page, never written as -1.
 */
public record DataSourceFigures(
        String name,
        boolean up,
        /** PostgreSQL's state text → {own, not own} counts of client backends. */
        Map<String, int[]> sessionsByState,
        Integer waiting,
        Integer blocking,
        Long oldestTransactionSeconds,
        Long longestQuerySeconds,
        Integer poolUsed,
        Integer poolIdle,
        Integer poolPending,
        /** result (ok, refused, ...) → count since start. */
        Map<String, Long> cancels,
        Map<String, Long> terminations) {
}
