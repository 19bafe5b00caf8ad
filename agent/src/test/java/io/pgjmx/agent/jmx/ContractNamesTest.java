package io.pgjmx.agent.jmx;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.agent.session.Session;
import io.pgjmx.api.AgentAttributes;
import io.pgjmx.api.DataSourceAttributes;
import io.pgjmx.api.DataSourceOperations;
import io.pgjmx.api.SessionFields;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.management.ConstructorParameters;
import org.junit.jupiter.api.Test;

/** The names in io.pgjmx.api are the names the MXBean framework derives from the agent's interfaces. */
class ContractNamesTest {

    @Test
    void agentAttributesAreTheAgentMXBeansGetters() {
        assertThat(attributes(AgentMXBean.class)).containsExactlyInAnyOrderElementsOf(AgentAttributes.ALL);
        assertThat(operations(AgentMXBean.class)).isEmpty();
    }

    @Test
    void dataSourceAttributesAreTheDataSourceMXBeansGetters() {
        assertThat(attributes(DataSourceMXBean.class)).containsExactlyInAnyOrderElementsOf(DataSourceAttributes.ALL);
    }

    @Test
    void everyDataSourceOperationIsNamedInTheApi() throws IllegalAccessException {
        Set<String> named = new TreeSet<>();
        for (Field f : DataSourceOperations.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                named.add((String) f.get(null));
            }
        }
        assertThat(named).containsAll(operations(DataSourceMXBean.class));
        assertThat(named).containsAll(DataSourceOperations.READ_LIKE);
    }

    @Test
    void sessionItemsAreTheSessionFieldsInTheirOrder() {
        // the MXBean framework rebuilds a Session with the one annotated constructor (the other leaves the holder out)
        List<ConstructorParameters> annotated = Arrays.stream(Session.class.getConstructors())
                .map(c -> c.getAnnotation(ConstructorParameters.class)).filter(a -> a != null).toList();
        assertThat(annotated).hasSize(1);
        assertThat(annotated.get(0).value()).containsExactlyElementsOf(SessionFields.ALL);
    }

    private static List<String> attributes(Class<?> mxbean) {
        return Arrays.stream(mxbean.getMethods()).filter(ContractNamesTest::isGetter)
                .map(m -> m.getName().substring(m.getName().startsWith("is") ? 2 : 3)).toList();
    }

    private static List<String> operations(Class<?> mxbean) {
        return Arrays.stream(mxbean.getMethods()).filter(m -> !isGetter(m)).map(Method::getName).toList();
    }

    private static boolean isGetter(Method m) {
        return m.getParameterCount() == 0 && (m.getName().startsWith("get")
                || (m.getName().startsWith("is") && m.getReturnType() == boolean.class));
    }
}
