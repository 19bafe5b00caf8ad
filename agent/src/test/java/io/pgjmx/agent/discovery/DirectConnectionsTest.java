package io.pgjmx.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How plain JDBC connections are grouped: by URL and user, wherever pgjdbc reads the user from. */
class DirectConnectionsTest {

    private static final ClassLoader LOADER = DirectConnectionsTest.class.getClassLoader();

    @Test
    void userFromPropertiesOrUrlIsOneGroupAndTheUrlKeepsNoCredentials() {
        Properties props = new Properties();
        props.setProperty("user", "orders");
        props.setProperty("password", "secret");
        props.setProperty("sslmode", "disable");
        DirectConnections fromProps = DirectConnections.of("jdbc:postgresql://db:5432/shop", props, LOADER);
        DirectConnections fromUrl = DirectConnections.of("jdbc:postgresql://db:5432/shop?user=orders&password=secret",
                new Properties(), LOADER);

        assertThat(fromUrl).isSameAs(fromProps);
        assertThat(fromProps.url).isEqualTo("jdbc:postgresql://db:5432/shop");
        assertThat(fromProps.user).isEqualTo("orders");
        assertThat(fromProps.password).isEqualTo("secret");
        assertThat(fromProps.driverProperties).containsOnlyKeys("sslmode");
    }

    @Test
    void anotherUserOrDatabaseIsAnotherGroup() {
        Properties a = new Properties();
        a.setProperty("user", "a");
        Properties b = new Properties();
        b.setProperty("user", "b");
        DirectConnections first = DirectConnections.of("jdbc:postgresql://db/one", a, LOADER);
        assertThat(DirectConnections.of("jdbc:postgresql://db/one", b, LOADER)).isNotSameAs(first);
        assertThat(DirectConnections.of("jdbc:postgresql://db/two", a, LOADER)).isNotSameAs(first);
        assertThat(DirectConnections.of("jdbc:postgresql://db/one", a, LOADER)).isSameAs(first);
    }

    @Test
    void urlParametersOtherThanCredentialsStay() {
        assertThat(PgJdbc.withoutCredentials("jdbc:postgresql://db/x?user=u&sslmode=require&password=p"))
                .isEqualTo("jdbc:postgresql://db/x?sslmode=require");
        assertThat(PgJdbc.urlParam("jdbc:postgresql://db/x?sslmode=require&USER=u", "user")).isEqualTo("u");
        assertThat(PgJdbc.urlParam("jdbc:postgresql://db/x", "user")).isNull();
    }
}
