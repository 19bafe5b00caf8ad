package io.pgjmx.agent.discovery;

import java.util.Properties;

/**
 * How to open a connection like the pool's, read from the pool when needed and not kept: the URL, the
 * credentials, any extra driver properties, and the class loader that holds the application's driver.
 */
public record ConnectionSpec(String url, String user, String password, Properties driverProperties,
        ClassLoader driverLoader) {

    /** Prefers the loader of a connection the pool really opened: it holds the driver the pool uses. */
    ConnectionSpec withDriverLoader(ClassLoader seen) {
        return seen == null ? this : new ConnectionSpec(url, user, password, driverProperties, seen);
    }
}
