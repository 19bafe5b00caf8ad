package io.pgjmx.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** The demo's only table. Row {@link #HOT_ROW} is left to the incident so the normal workload never waits on it. */
final class AccountsTable {
    static final int HOT_ROW = 1;
    static final int ROWS = 10;

    private AccountsTable() {
    }

    static void create(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists accounts (id int primary key, balance int)");
            // "where not exists" rather than on-conflict alone: ON CONFLICT waits for a row lock, and a second
            // demo on the same database must start even while the first one's incident holds row 1
            statement.execute("insert into accounts (id, balance) select g, 1000 from generate_series(1, " + ROWS
                    + ") g where not exists (select 1 from accounts a where a.id = g) on conflict (id) do nothing");
        }
    }
}
