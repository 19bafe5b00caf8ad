package io.pgjmx.agent.instrument;

import static io.pgjmx.agent.instrument.Hook.Value.RETURNED;
import static io.pgjmx.agent.instrument.Hook.Value.THIS;
import static io.pgjmx.agent.instrument.Hook.Value.THROWN;
import static io.pgjmx.agent.instrument.Hook.Value.argument;
import static io.pgjmx.agent.instrument.MethodMatch.constructor;
import static io.pgjmx.agent.instrument.MethodMatch.named;
import static io.pgjmx.agent.instrument.MethodMatch.noArgs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgjmx.bridge.PgjmxBridge;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The injected code as the JVM runs it: {@link Subject} is woven, defined in a loader of its own (so the
 * verifier checks it) and called; what reaches the bridge is recorded by a sink. The bridge is the test
 * JVM's own copy, the one the woven class links to.
 */
class WeaverTest {

    private static final List<String> CALLS = new ArrayList<>();
    private static final List<String> REPLAYED = new ArrayList<>();
    private Class<?> woven;

    /** Before the sink is in, what the hooks report waits in the bridge; the sink gets it first, in order. */
    @BeforeAll
    static void sink() {
        PgjmxBridge.dataSourceUsed("early pool");
        PgjmxBridge.dataSourceUsed("early pool");
        PgjmxBridge.enterConnectionCreation("early pool");
        PgjmxBridge.physicalConnectionOpened("early connection", "jdbc:early", null);
        PgjmxBridge.exitConnectionCreation("early pool");
        PgjmxBridge.poolActive("early housekeeper");
        PgjmxBridge.dataSourceClosed("early pool");
        assertThat(PgjmxBridge.install(new RecordingSink())).as("no other test installs a sink").isTrue();
        REPLAYED.addAll(CALLS);
    }

    @Test
    void whatWasReportedBeforeTheSinkReachesItOnceInOrder() {
        assertThat(REPLAYED).containsExactly("dataSourceSeen early pool",
                "opened early connection by early pool jdbc:early null", "poolActive early housekeeper",
                "closed early pool");
    }

    @BeforeEach
    void weave() throws Exception {
        HookTable table = new HookTable()
                .add(Subject.class.getName(), constructor(1), Hook.onReturn("dataSourceUsed", argument(0)))
                .add(Subject.class.getName(), named("open").withParameters(2).firstParameter(String.class),
                        Hook.onReturn("physicalConnectionOpened", RETURNED, argument(0), argument(1)))
                .add(Subject.class.getName(), noArgs("fails"), Hook.onExit("dataSourceClosed", THIS),
                        Hook.onThrow("connectionRefused", THIS, THROWN))
                .add(Subject.class.getName(), noArgs("catchesItsOwn"), Hook.onThrow("connectionRefused", THIS, THROWN),
                        Hook.onExit("dataSourceClosed", THIS))
                .add(Subject.class.getName(), named("wide"), Hook.onEnter("poolActive", argument(2)))
                .add(Subject.class.getName(), noArgs("connect"), PoolHooks.creates(Hook.Value.field("parent")))
                .add(Subject.class.getName(), named("primitive"), Hook.onEnter("poolActive", argument(0)))
                .add(Subject.class.getName(), named("make"), Hook.onReturn("poolActive", RETURNED),
                        Hook.onEnter("dataSourceClosed", THIS), Hook.onThrow("connectionRefused", argument(0), THROWN));
        String internal = Subject.class.getName().replace('.', '/');
        byte[] bytes = Weaver.weave(classBytes(), table.pointsOf(internal));
        assertThat(bytes).isNotNull();
        woven = new ClassLoader(WeaverTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(Subject.class.getName(), bytes, 0, bytes.length);
            }

            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                return name.equals(Subject.class.getName()) ? define() : super.loadClass(name, resolve);
            }
        }.loadClass(Subject.class.getName());
        assertThat(woven).isNotSameAs(Subject.class);
        CALLS.clear();
    }

    @Test
    void theConstructorsArgumentOnReturnAndTheReturnedValueWithTheArguments() throws Exception {
        Object config = "the config";
        Object subject = woven.getConstructor(Object.class).newInstance(config);
        assertThat(CALLS).containsExactly("dataSourceSeen the config");
        CALLS.clear();
        Properties info = new Properties();
        Object opened = call(subject, "open", new Class<?>[] {String.class, Object.class}, "jdbc:x", info);
        assertThat(opened).isEqualTo("connection to jdbc:x");
        assertThat(CALLS).containsExactly("opened connection to jdbc:x jdbc:x " + info);
    }

    @Test
    void aThrowingMethodRunsItsExitAndThrowHooksAndRethrowsTheSameThrowable() throws Exception {
        Object subject = woven.getConstructor(Object.class).newInstance("c");
        CALLS.clear();
        assertThatThrownBy(() -> call(subject, "fails", new Class<?>[0]))
                .isInstanceOf(IllegalStateException.class).hasMessage("refused");
        assertThat(CALLS).containsExactly("closed " + subject, "refused " + subject + " refused");
    }

    @Test
    void aThrowableTheMethodCatchesItselfIsNoneOfTheHooksBusiness() throws Exception {
        Object subject = woven.getConstructor(Object.class).newInstance("c");
        CALLS.clear();
        assertThat(call(subject, "catchesItsOwn", new Class<?>[0])).isEqualTo(42);
        assertThat(CALLS).containsExactly("closed " + subject);
    }

    @Test
    void argumentsAfterLongAndDoubleComeFromTheirSlots() throws Exception {
        Object subject = woven.getConstructor(Object.class).newInstance("c");
        CALLS.clear();
        assertThat(call(subject, "wide", new Class<?>[] {long.class, double.class, Object.class}, 7L, 2.5, "third"))
                .isEqualTo(9L);
        assertThat(CALLS).containsExactly("poolActive third");
    }

    @Test
    void aFieldOfThisAsCreatorIsEnteredAndExitedAlsoWhenTheCreationThrows() throws Exception {
        Object subject = woven.getConstructor(Object.class).newInstance("c");
        CALLS.clear();
        assertThatThrownBy(() -> call(subject, "connect", new Class<?>[0])).isInstanceOf(IOException.class);
        PgjmxBridge.physicalConnectionOpened("afterwards", "jdbc:after", null);
        assertThat(CALLS).containsExactly("opened inside by the pool jdbc:inside null",
                "opened afterwards jdbc:after null");
    }

    @Test
    void aHookWhoseValueIsNotAReferenceIsLeftOut() throws Exception {
        Object subject = woven.getConstructor(Object.class).newInstance("c");
        CALLS.clear();
        assertThat(call(subject, "primitive", new Class<?>[] {int.class}, 3)).isEqualTo(4);
        assertThat(CALLS).isEmpty();
    }

    @Test
    void aStaticMethodGetsItsArgumentsFromSlotZeroAndNoThis() throws Exception {
        Method make = woven.getMethod("make", String.class);
        assertThat(make.invoke(null, "x")).isEqualTo("made x");
        assertThat(CALLS).containsExactly("poolActive made x");
        CALLS.clear();
        assertThatThrownBy(() -> make.invoke(null, "")).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(CALLS).containsExactly("refused  nothing to make");
    }

    @Test
    void aClassWithoutHooksIsLeftAsItIs() throws IOException {
        HookTable table = new HookTable().add(Subject.class.getName(), noArgs("noSuchMethod"), PoolHooks.USED);
        assertThat(Weaver.weave(classBytes(), table.pointsOf(Subject.class.getName().replace('.', '/')))).isNull();
    }

    private static Object call(Object target, String name, Class<?>[] types, Object... args) throws Exception {
        Method m = target.getClass().getMethod(name, types);
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static byte[] classBytes() throws IOException {
        try (InputStream in = Subject.class.getResourceAsStream("/" + Subject.class.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** What the hooks go into: each method has code of the shapes pools have (loops, handlers, wide locals). */
    public static final class Subject {
        private final Object parent = "the pool";

        public Subject(Object config) {
            if (config == null) {
                throw new IllegalArgumentException("config");
            }
        }

        public Object open(String url, Object info) {
            return url == null ? null : "connection to " + url;
        }

        public void fails() {
            for (int i = 0; i < 3; i++) {
                if (i == 2) {
                    throw new IllegalStateException("refused");
                }
            }
        }

        public int catchesItsOwn() {
            try {
                throw new IllegalStateException("inner");
            } catch (IllegalStateException e) {
                return 42;
            }
        }

        public long wide(long a, double b, Object c) {
            long sum = a;
            for (int i = 0; i < (int) b; i++) {
                sum++;
            }
            return sum;
        }

        public void connect() throws IOException {
            PgjmxBridge.physicalConnectionOpened("inside", "jdbc:inside", null);
            throw new IOException("server down " + parent);
        }

        public int primitive(int n) {
            return n + 1;
        }

        public static Object make(String what) {
            if (what.isEmpty()) {
                throw new IllegalArgumentException("nothing to make");
            }
            return "made " + what;
        }
    }

    private static final class RecordingSink implements PgjmxBridge.Sink {
        @Override
        public void dataSourceSeen(Object dataSource) {
            CALLS.add("dataSourceSeen " + dataSource);
            PgjmxBridge.forget(dataSource);
        }

        @Override
        public void dataSourceClosed(Object dataSource) {
            CALLS.add("closed " + dataSource);
        }

        @Override
        public void physicalConnectionOpened(Object connection, Object creator, String url, Properties info) {
            CALLS.add("opened " + connection + (creator == null ? "" : " by " + creator) + " " + url + " " + info);
        }

        @Override
        public void poolActive(Object poolPart) {
            CALLS.add("poolActive " + poolPart);
        }

        @Override
        public void connectionRefused(Object dataSource, Throwable thrown) {
            CALLS.add("refused " + dataSource + " " + thrown.getMessage());
        }
    }
}
