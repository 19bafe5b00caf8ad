package io.pgjmx.agent.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void everyCharacterAnObjectNameValueMayNotHoldBecomesAnUnderscore() {
        assertThat(Names.mbeanSafe("a,b=c:d\"e*f?g\\h\ri\nj")).isEqualTo("a_b_c_d_e_f_g_h_i_j");
        assertThat(Names.mbeanSafe("orders-pool.1 (main)")).isEqualTo("orders-pool.1 (main)");
    }

    @Test
    void aPasswordParameterIsMaskedWhereverItStands() {
        assertThat(Names.withoutPassword("jdbc:postgresql://db/shop?password=s3cret"))
                .isEqualTo("jdbc:postgresql://db/shop?password=***");
        assertThat(Names.withoutPassword("jdbc:postgresql://db/shop?user=app&PASSWORD=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/shop?user=app&PASSWORD=***&ssl=true");
        assertThat(Names.withoutPassword("jdbc:sqlserver://db;user=app;password=s3cret;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=app;password=***;encrypt=true");
    }

    @Test
    void aPasswordInTheUserInfoIsMaskedAndTheUserKept() {
        assertThat(Names.withoutPassword("jdbc:postgresql://app:s3cret@db:5432/shop"))
                .isEqualTo("jdbc:postgresql://app:***@db:5432/shop");
        // host:port without user info is no password
        assertThat(Names.withoutPassword("jdbc:postgresql://db:5432/shop")).isEqualTo("jdbc:postgresql://db:5432/shop");
    }

    @Test
    void aUrlWithoutSecretsOrNoUrlIsLeftAlone() {
        assertThat(Names.withoutPassword("jdbc:postgresql://db/shop?user=app&passwordless=yes"))
                .isEqualTo("jdbc:postgresql://db/shop?user=app&passwordless=yes");
        assertThat(Names.withoutPassword(null)).isNull();
    }

    @Test
    void everyParameterNamedLikeAPasswordIsMaskedInAnyCase() {
        assertThat(Names.withoutPassword("jdbc:postgresql://db/shop?sslpassword=s3cret&password=x&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/shop?sslpassword=***&password=***&ssl=true");
        assertThat(Names.withoutPassword("jdbc:postgresql://db/shop?SSLPassword=s3cret&sslkey=/k.pk8"))
                .isEqualTo("jdbc:postgresql://db/shop?SSLPassword=***&sslkey=/k.pk8");
        assertThat(Names.withoutPassword("jdbc:postgresql://db/shop?ssl=true&keystorePassword=k&user=a"))
                .isEqualTo("jdbc:postgresql://db/shop?ssl=true&keystorePassword=***&user=a");
        assertThat(Names.withoutPassword("jdbc:sqlserver://db;trustStorePassword=t;user=a"))
                .isEqualTo("jdbc:sqlserver://db;trustStorePassword=***;user=a");
        assertThat(Names.withoutPassword("jdbc:postgresql://db/shop?sslpassword=&x=1"))
                .isEqualTo("jdbc:postgresql://db/shop?sslpassword=***&x=1");
    }
}
