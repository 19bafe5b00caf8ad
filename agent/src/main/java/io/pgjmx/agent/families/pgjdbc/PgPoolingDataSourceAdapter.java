package io.pgjmx.agent.families.pgjdbc;

import io.pgjmx.agent.util.Reflect;
import java.util.List;
import java.util.stream.Stream;

/**
 * pgjdbc's deprecated PGPoolingDataSource: a small pool of its own, named by {@code dataSourceName}. Its
 * connections sit behind its lock, so after a late attach only those it opens from then on are its own. Its
 * getConnection methods are the outermost creators of its physical connections.
 */
final class PgPoolingDataSourceAdapter extends PgSimpleDataSourceAdapter {

    PgPoolingDataSourceAdapter() {
        super(PgJdbcInstrumentation.POOLING_DATA_SOURCE, "isClosed");
    }

    @Override
    public String poolName(Object dataSource) {
        return Reflect.string(dataSource, "getDataSourceName");
    }

    @Override
    public List<Object> wrapped(Object dataSource) {
        return Stream.ofNullable(Reflect.field(dataSource, "source")).toList();
    }
}
