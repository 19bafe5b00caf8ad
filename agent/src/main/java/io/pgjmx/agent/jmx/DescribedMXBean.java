package io.pgjmx.agent.jmx;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.StandardMBean;

/**
 * An MXBean whose MBeanInfo carries real parameter names (not p0), descriptions and impacts, taken from
 * the interface: names from the compiled {@code -parameters}, text from {@link Description}.
 */
public final class DescribedMXBean<T> extends StandardMBean {

    private final Class<T> type;

    public DescribedMXBean(T implementation, Class<T> type) {
        super(implementation, type, true);
        this.type = type;
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        Description d = type.getAnnotation(Description.class);
        return d != null ? d.value() : super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        for (String prefix : new String[] {"get", "is"}) {
            Method m = method(prefix + info.getName(), 0);
            if (m != null && m.getAnnotation(Description.class) != null) {
                return m.getAnnotation(Description.class).value();
            }
        }
        return super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        Method m = method(info.getName(), info.getSignature().length);
        return m != null && m.getAnnotation(Description.class) != null ? m.getAnnotation(Description.class).value()
                : super.getDescription(info);
    }

    @Override
    protected int getImpact(MBeanOperationInfo info) {
        Method m = method(info.getName(), info.getSignature().length);
        return m != null && m.getAnnotation(Action.class) != null ? MBeanOperationInfo.ACTION : MBeanOperationInfo.INFO;
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        Parameter p = parameter(op, sequence);
        return p != null && p.isNamePresent() ? p.getName() : super.getParameterName(op, param, sequence);
    }

    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        Parameter p = parameter(op, sequence);
        return p != null && p.getAnnotation(Description.class) != null ? p.getAnnotation(Description.class).value()
                : super.getDescription(op, param, sequence);
    }

    private Parameter parameter(MBeanOperationInfo op, int sequence) {
        Method m = method(op.getName(), op.getSignature().length);
        return m == null ? null : m.getParameters()[sequence];
    }

    /** Operation names are not overloaded in pgjmx's interfaces, so name and arity identify a method. */
    private Method method(String name, int arity) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == arity)
                .findFirst().orElse(null);
    }
}
