package io.pgjmx.agent.session;

/** What the monitoring connection learns once per connection: the server and who it is there. */
public record ServerInfo(int versionNum, String version, int backendPid, String role, boolean superuser) {

    boolean atLeast(int major) {
        return versionNum >= major * 10000;
    }
}
