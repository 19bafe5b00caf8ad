package io.pgjmx.agent.http;

import io.pgjmx.api.DataSourceOperations;
import io.pgjmx.api.ObjectNames;
import java.util.Set;
import javax.management.ObjectName;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

/**
 * Deny by default: Jolokia may read and execute on pgjmx's own MBeans and read the parts of {@code java.lang}
 * that monitoring needs, and nothing else. {@code Runtime} is reduced to attributes that hold no command line,
 * system property or path, where passwords live. No writes, no notifications, no proxy requests, no
 * cross-origin browser access. Actions (every pgjmx operation that is not a read) need an authenticated
 * caller and a JSON POST. Jolokia instantiates it by name ({@code restrictorClass}).
 */
public final class PgjmxRestrictor implements Restrictor {

    private static final Set<RequestType> TYPES = Set.of(RequestType.READ, RequestType.EXEC, RequestType.LIST,
            RequestType.SEARCH, RequestType.VERSION);
    private static final Set<String> JAVA_LANG_TYPES = Set.of("Memory", "Threading", "ClassLoading",
            "OperatingSystem", "GarbageCollector", "MemoryPool", "Runtime");
    static final Set<String> RUNTIME_ATTRIBUTES = Set.of("Name", "Uptime", "StartTime", "VmName", "VmVendor",
            "VmVersion", "SpecVersion");
    private static final Set<String> READ_OPERATIONS = DataSourceOperations.READ_LIKE;
    private static final String HIDDEN = "not available over HTTP: pgjmx serves its own MBeans and the monitoring "
            + "parts of java.lang (Memory, Threading, ClassLoading, OperatingSystem, GarbageCollector, MemoryPool, "
            + "Runtime's Name, Uptime, StartTime, VmName, VmVendor, VmVersion, SpecVersion)";

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.POST;
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return TYPES.contains(type);
    }

    /** Refused with a message of its own: Jolokia's would repeat the MBean's name. */
    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        if (isPgjmx(name) || (isJavaLang(name) && (!isRuntime(name) || RUNTIME_ATTRIBUTES.contains(attribute)))) {
            return true;
        }
        throw new SecurityException("this attribute is " + HIDDEN);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return false;
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        if (!isPgjmx(name)) {
            throw new SecurityException("operations are refused over HTTP except on pgjmx's MBeans");
        }
        if (READ_OPERATIONS.contains(operation)) {
            return true;
        }
        HttpCaller caller = HttpCaller.current();
        if (caller.user() == null) {
            throw new SecurityException(operation + " is refused over HTTP without credentials: the endpoint is "
                    + "read-only until the agent options user and password are set (HTTP basic auth); or use JMX");
        }
        if (!caller.jsonPost()) {
            throw new SecurityException(operation + " over HTTP only by POST with Content-Type: application/json");
        }
        return true;
    }

    /** Who may connect is decided by the bind address ({@code host}) and basic auth, not by a host list. */
    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return true;
    }

    /**
     * No browser page from another origin may call pgjmx, and no foreign Origin is ever echoed; the endpoint's
     * own origin (its sessions page) may.
     */
    @Override
    public boolean isOriginAllowed(String origin, boolean strictCheck) {
        return origin == null || origin.isEmpty() || origin.equals(HttpCaller.current().sameOrigin());
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return !isPgjmx(name) && !isJavaLang(name);
    }

    private static boolean isPgjmx(ObjectName name) {
        return name != null && ObjectNames.DOMAIN.equals(name.getDomain());
    }

    private static boolean isJavaLang(ObjectName name) {
        return name != null && "java.lang".equals(name.getDomain()) && !name.isPattern()
                && JAVA_LANG_TYPES.contains(name.getKeyProperty("type"));
    }

    static boolean isRuntime(ObjectName name) {
        return "Runtime".equals(name.getKeyProperty("type"));
    }
}
