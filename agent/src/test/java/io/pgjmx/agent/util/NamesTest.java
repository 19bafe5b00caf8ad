package io.pgjmx.agent.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

    @Test
    void everyCharacterAnObjectNameValueMayNotHoldBecomesAnUnderscore() {
        assertThat(Names.mbeanSafe("a,b=c:d\"e*f?g\\h\ri\nj")).isEqualTo("a_b_c_d_e_f_g_h_i_j");
        assertThat(Names.mbeanSafe("orders-pool.1 (main)")).isEqualTo("orders-pool.1 (main)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " -> ", value = {
        // a password parameter is masked wherever it stands, in any case, in either URL syntax
        "jdbc:postgresql://db/shop?password=s3cret -> jdbc:postgresql://db/shop?password=***",
        "jdbc:postgresql://db/shop?user=app&PASSWORD=s3cret&ssl=true -> jdbc:postgresql://db/shop?user=app&PASSWORD=***&ssl=true",
        "jdbc:sqlserver://db;user=app;password=s3cret;encrypt=true -> jdbc:sqlserver://db;user=app;password=***;encrypt=true",
        // a password in the user info is masked and the user kept; host:port without user info is no password
        "jdbc:postgresql://app:s3cret@db:5432/shop -> jdbc:postgresql://app:***@db:5432/shop",
        "jdbc:postgresql://db:5432/shop -> jdbc:postgresql://db:5432/shop",
        // a parameter that only starts like one is no password
        "jdbc:postgresql://db/shop?user=app&passwordless=yes -> jdbc:postgresql://db/shop?user=app&passwordless=yes",
        // every parameter named like a password, in any case, is masked, an empty one too
        "jdbc:postgresql://db/shop?sslpassword=s3cret&password=x&ssl=true -> jdbc:postgresql://db/shop?sslpassword=***&password=***&ssl=true",
        "jdbc:postgresql://db/shop?SSLPassword=s3cret&sslkey=/k.pk8 -> jdbc:postgresql://db/shop?SSLPassword=***&sslkey=/k.pk8",
        "jdbc:postgresql://db/shop?ssl=true&keystorePassword=k&user=a -> jdbc:postgresql://db/shop?ssl=true&keystorePassword=***&user=a",
        "jdbc:sqlserver://db;trustStorePassword=t;user=a -> jdbc:sqlserver://db;trustStorePassword=***;user=a",
        "jdbc:postgresql://db/shop?sslpassword=&x=1 -> jdbc:postgresql://db/shop?sslpassword=***&x=1",
    })
    void aPasswordIsMaskedAndTheRestOfTheUrlKept(String url, String masked) {
        assertThat(Names.withoutPassword(url)).isEqualTo(masked);
    }

    @Test
    void noUrlIsLeftAlone() {
        assertThat(Names.withoutPassword(null)).isNull();
    }
}
