package io.pgjmx.console;

import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest (none when run from classes). */
final class ConsoleVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = ConsoleVersion.class.getPackage().getImplementationVersion();
        return new String[] {"pgjmx-console " + (v == null ? "(development build)" : v)};
    }
}
