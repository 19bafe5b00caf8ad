package io.pgjmx.agent.discovery;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A DataSource the registry found, as {@link DataSourceWiring} sees it: its facts, read once, and live reads
 * that go through the registry, which alone holds the DataSource (weakly). Each live read answers null (or
 * no pids) once the DataSource is gone.
 *
 * @param jdbcUrl never with a password
 * @param connectionSpec how to open a connection like the pool's, with the driver's class loader
 * @param ownPids the backend pids of the connections the DataSource opened in this JVM
 * @param poolFigures the pool's own counts; null when the family does not tell them
 * @param present false once the application's DataSource was garbage collected
 */
public record FoundDataSource(String name, String poolClass, String jdbcUrl, String username,
        Supplier<ConnectionSpec> connectionSpec, Supplier<int[]> ownPids, Supplier<PoolFigures> poolFigures,
        BooleanSupplier present) {
}
