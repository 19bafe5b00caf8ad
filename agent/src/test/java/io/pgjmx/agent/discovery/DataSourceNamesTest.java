package io.pgjmx.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** NAME of pgjmx:type=DataSource,name=NAME: the contract's naming and clash rules. */
class DataSourceNamesTest {

    @Test
    void thePoolsOwnNameWinsAndAClashGetsTheNextFreeSuffix() {
        DataSourceNames names = new DataSourceNames();
        assertThat(names.claim("orders", "HikariDataSource")).isEqualTo("orders");
        assertThat(names.claim("orders", "HikariDataSource")).isEqualTo("orders-2");
        assertThat(names.claim("orders", "BasicDataSource")).isEqualTo("orders-3");
        names.release("orders-2");
        assertThat(names.claim("orders", "HikariDataSource")).isEqualTo("orders-2");
        assertThat(names.claim("orders", "HikariDataSource")).isEqualTo("orders-4");
    }

    @Test
    void withoutAPoolNameTheTypeIsCountedPerType() {
        DataSourceNames names = new DataSourceNames();
        assertThat(names.claim(null, "HikariDataSource")).isEqualTo("HikariDataSource-1");
        assertThat(names.claim(" ", "HikariDataSource")).isEqualTo("HikariDataSource-2");
        assertThat(names.claim("", "BasicDataSource")).isEqualTo("BasicDataSource-1");
        // a released name's number is not reused: a new pool is not mistaken for the old one
        names.release("HikariDataSource-1");
        assertThat(names.claim(null, "HikariDataSource")).isEqualTo("HikariDataSource-3");
    }

    @Test
    void unsafeCharactersAreReplacedBeforeTheClashCheck() {
        DataSourceNames names = new DataSourceNames();
        assertThat(names.claim("shop,type=x", "HikariDataSource")).isEqualTo("shop_type_x");
        assertThat(names.claim("shop:type*x", "HikariDataSource")).isEqualTo("shop_type_x-2");
        assertThat(names.claim("a\"b?c\\d", "HikariDataSource")).isEqualTo("a_b_c_d");
    }

    @Test
    void releasingAFreeNameChangesNothing() {
        DataSourceNames names = new DataSourceNames();
        names.release("orders");
        assertThat(names.claim("orders", "HikariDataSource")).isEqualTo("orders");
        assertThat(names.claim("orders", "HikariDataSource")).isEqualTo("orders-2");
    }
}
