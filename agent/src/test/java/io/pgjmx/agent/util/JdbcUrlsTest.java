package io.pgjmx.agent.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void namedParametersGoAnyCaseAndTheRestStaysInOrder() {
        assertThat(JdbcUrls.withoutParams("jdbc:postgresql://db/shop?User=app&ssl=true&password=x&loggerLevel=OFF",
                "user", "password")).isEqualTo("jdbc:postgresql://db/shop?ssl=true&loggerLevel=OFF");
        assertThat(JdbcUrls.withoutParams("jdbc:postgresql://db/shop?user=app&password=x", "user", "password"))
                .isEqualTo("jdbc:postgresql://db/shop");
    }

    @Test
    void aParameterWithoutValueIsMatchedByItsName() {
        assertThat(JdbcUrls.withoutParams("jdbc:postgresql://db/shop?ssl&readOnly", "readOnly"))
                .isEqualTo("jdbc:postgresql://db/shop?ssl");
        assertThat(JdbcUrls.withoutParams("jdbc:postgresql://db/shop?=x&a=1", "a")).isEqualTo("jdbc:postgresql://db/shop?=x");
    }

    @Test
    void emptyPartsAreDroppedAndAUrlWithoutQueryIsUnchanged() {
        assertThat(JdbcUrls.withoutParams("jdbc:postgresql://db/shop?&a=1&&b=2", "b")).isEqualTo("jdbc:postgresql://db/shop?a=1");
        assertThat(JdbcUrls.withoutParams("jdbc:postgresql://db/shop", "user")).isEqualTo("jdbc:postgresql://db/shop");
        assertThat(JdbcUrls.withoutParams("?user=a&b=1", "user")).isEqualTo("?b=1");
        assertThat(JdbcUrls.withoutParams(null, "user")).isNull();
    }

    @Test
    void paramGivesTheRawValueOfTheFirstMatch() {
        String url = "jdbc:postgresql://db/shop?sslmode=require&ApplicationName=my%20app&options=-c a=b&sslmode=disable";
        assertThat(JdbcUrls.param(url, "applicationname")).isEqualTo("my%20app");
        assertThat(JdbcUrls.param(url, "options")).isEqualTo("-c a=b");
        assertThat(JdbcUrls.param(url, "sslmode")).isEqualTo("require");
        assertThat(JdbcUrls.param("?user=&x=1", "user")).isEmpty();
        assertThat(JdbcUrls.param("?x=1", "x")).isEqualTo("1");
    }

    @Test
    void paramIsNullWhenAbsent() {
        assertThat(JdbcUrls.param("jdbc:postgresql://db/shop?ssl&=x&usr=a", "user")).isNull();
        assertThat(JdbcUrls.param("jdbc:postgresql://db/shop?ssl", "ssl")).isNull();
        assertThat(JdbcUrls.param("jdbc:postgresql://db/shop", "user")).isNull();
        assertThat(JdbcUrls.param(null, "user")).isNull();
    }
}
