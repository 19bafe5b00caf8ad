package io.pgjmx.agent.http;

import java.util.Set;
import javax.management.ObjectName;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

/**
 * Deny by default: Jolokia may read and execute on pgjmx's own MBeans, read attributes of {@code java.lang}
 * (memory, threads, runtime, ...), and nothing else. No writes, no notifications, no proxy requests, and
 * no cross-origin browser access. Jolokia instantiates it by name ({@code restrictorClass}).
 */
public final class PgjmxRestrictor implements Restrictor {

    private static final Set<RequestType> TYPES = Set.of(RequestType.READ, RequestType.EXEC, RequestType.LIST,
            RequestType.SEARCH, RequestType.VERSION);

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.POST;
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return TYPES.contains(type);
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return isPgjmx(name) || isJavaLang(name);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return false;
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return isPgjmx(name);
    }

    /** Who may connect is decided by the bind address ({@code host}) and basic auth, not by a host list. */
    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return true;
    }

    /** No browser page from another origin may call pgjmx, and no Origin is ever echoed. */
    @Override
    public boolean isOriginAllowed(String origin, boolean strictCheck) {
        return origin == null || origin.isEmpty();
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return !isPgjmx(name) && !isJavaLang(name);
    }

    private static boolean isPgjmx(ObjectName name) {
        return name != null && "pgjmx".equals(name.getDomain());
    }

    private static boolean isJavaLang(ObjectName name) {
        return name != null && "java.lang".equals(name.getDomain());
    }
}
