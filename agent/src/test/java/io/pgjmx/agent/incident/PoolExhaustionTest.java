package io.pgjmx.agent.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class PoolExhaustionTest {

    @Test
    void eachFamilysTimeoutIsExhaustion() {
        // HikariCP
        assertThat(PoolExhaustion.isExhaustion(new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 1000ms."))).isTrue();
        // DBCP2 (Apache's and Tomcat's copy): commons-pool's NoSuchElementException as the cause
        assertThat(PoolExhaustion.isExhaustion(new SQLException("Cannot get a connection, pool error Timeout waiting "
                + "for idle object", new NoSuchElementException("Timeout waiting for idle object")))).isTrue();
        // Tomcat JDBC, by class name (the agent never sees the pool's classes)
        assertThat(PoolExhaustion.isExhaustion(new org.apache.tomcat.jdbc.pool.PoolExhaustedException(
                "[main] Timeout: Pool empty. Unable to fetch a connection in 1 seconds"))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(PoolExhaustion.isExhaustion(new SQLException("FATAL: password authentication failed", "28P01")))
                .isFalse();
        assertThat(PoolExhaustion.isExhaustion(new SQLException("Cannot create PoolableConnectionFactory",
                new SQLException("Connection refused")))).isFalse();
        assertThat(PoolExhaustion.isExhaustion(new IllegalStateException("pool closed"))).isFalse();
        assertThat(PoolExhaustion.isExhaustion(null)).isFalse();
    }

    @Test
    void aCycleOfCausesEnds() {
        SQLException a = new SQLException("a");
        SQLException b = new SQLException("b", a);
        a.initCause(b);
        assertThat(PoolExhaustion.isExhaustion(a)).isFalse();
    }
}
