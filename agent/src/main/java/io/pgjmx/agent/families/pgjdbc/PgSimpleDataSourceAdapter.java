package io.pgjmx.agent.families.pgjdbc;

import io.pgjmx.agent.discovery.JavaBeanAdapter;
import io.pgjmx.agent.discovery.PgJdbc;

/** pgjdbc's own non-pooling DataSource: every getConnection opens a physical connection; nothing to close. */
class PgSimpleDataSourceAdapter extends JavaBeanAdapter {

    PgSimpleDataSourceAdapter() {
        this(PgJdbc.PACKAGE + "ds.PGSimpleDataSource", null);
    }

    /** For pgjdbc's other DataSources, which keep their settings the same way (BaseDataSource). */
    PgSimpleDataSourceAdapter(String type, String closedField) {
        super(type, "getUrl", "getUser", "getPassword", null, closedField);
    }

    @Override
    public boolean isPostgres(Object dataSource) {
        return true;
    }

    /** Without user and password, which getUrl adds as parameters. */
    @Override
    public String jdbcUrl(Object dataSource) {
        return PgJdbc.dataSourceUrl(dataSource);
    }
}
