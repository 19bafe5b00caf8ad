package io.pgjmx.agent.discovery;

import io.pgjmx.agent.util.Reflect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.CommonDataSource;

/**
 * The DataSources that running Spring application contexts already made, found through the shutdown hooks
 * that hold the contexts ({@link ShutdownHookThreads}): Spring Boot's {@code SpringApplicationShutdownHook}
 * (field {@code contexts}) and the hook thread of {@code registerShutdownHook()} (an inner class: its context
 * is {@code this$0}); then each context's parents. Reads the bean factory's map of finished singletons
 * ({@code singletonObjects}, and {@code factoryBeanObjectCache} for what FactoryBeans made) without its lock:
 * never {@code getBean}, which could create a lazy bean or wait for one being created. A context that nothing
 * but the application's own variables holds (no shutdown hook) cannot be found.
 */
final class SpringContexts {

    private static final String BOOT_HOOK = "org.springframework.boot.SpringApplicationShutdownHook";
    private static final String CONTEXT = "org.springframework.context.support.AbstractApplicationContext";

    private SpringContexts() {
    }

    static List<Object> dataSources(List<Object> shutdownHooks) {
        Set<Object> contexts = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object hook : shutdownHooks) {
            try {
                if (hook.getClass().getName().equals(BOOT_HOOK)) {
                    if (Reflect.field(hook, "contexts") instanceof Collection<?> c) {
                        for (Object context : c.toArray()) {
                            addWithParents(context, contexts);
                        }
                    }
                } else if (hook instanceof Thread) {
                    addWithParents(Reflect.field(hook, "this$0"), contexts);
                }
            } catch (RuntimeException e) {
                // changed while read (a context closing): the others still count
            }
        }
        List<Object> found = new ArrayList<>();
        for (Object context : contexts) {
            Object factory = Reflect.field(context, "beanFactory");
            if (factory != null) {
                collect(Reflect.field(factory, "singletonObjects"), found);
                collect(Reflect.field(factory, "factoryBeanObjectCache"), found);
            }
        }
        return found;
    }

    private static void addWithParents(Object context, Set<Object> contexts) {
        Object c = context;
        while (c != null && Reflect.isA(c, CONTEXT) && contexts.add(c)) {
            c = Reflect.field(c, "parent");
        }
    }

    /** A ConcurrentHashMap: iterating its values takes no lock. */
    private static void collect(Object singletons, List<Object> found) {
        if (singletons instanceof Map<?, ?> map) {
            for (Object bean : map.values()) {
                if (bean instanceof CommonDataSource) {
                    found.add(bean);
                }
            }
        }
    }
}
