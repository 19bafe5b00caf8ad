package io.pgjmx.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Where each pool family hands a physical connection to a thread and takes it back ({@link BorrowAdvice}).
 * One instance per family, in that family's line ({@code io.pgjmx.agent.families.*.XFamily}) beside its discovery advice (Byte Buddy applies every matching
 * transformation, so two libraries may advise the same class). Each entry names the class, the borrow method
 * and the return method exactly, so matching stays one hash lookup per loaded class.
 */
public final class Borrowing implements LibraryInstrumentation {

    private record Point(String type, ElementMatcher<? super MethodDescription> method, Class<?> advice) {
    }

    private final Set<String> typeNames;
    private final Point[] points;

    private Borrowing(Point... points) {
        this.points = points;
        Set<String> names = new java.util.HashSet<>();
        for (Point p : points) {
            names.add(p.type());
        }
        this.typeNames = Set.copyOf(names);
    }

    /** HikariCP (4 to 7): the PoolEntry is the entry; createProxyConnection on borrow, recycle on return. */
    public static Borrowing hikari() {
        String entry = "com.zaxxer.hikari.pool.PoolEntry";
        return new Borrowing(new Point(entry, named("createProxyConnection"), BorrowAdvice.ThisBorrowed.class),
                new Point(entry, named("recycle"), BorrowAdvice.ThisReturned.class));
    }

    /**
     * DBCP2 and Tomcat's copy of it: commons-pool calls activateObject on the borrowing thread and
     * passivateObject on return, both with the PooledObject that wraps the connection for its whole life.
     */
    public static Borrowing dbcp2(String packagePrefix) {
        String factory = packagePrefix + "PoolableConnectionFactory";
        return new Borrowing(
                new Point(factory, named("activateObject").and(takesArguments(1)), BorrowAdvice.ArgumentBorrowed.class),
                new Point(factory, named("passivateObject").and(takesArguments(1)), BorrowAdvice.ArgumentReturned.class));
    }

    /** Tomcat JDBC: setupConnection(PooledConnection) makes the borrowed connection's proxy; returnConnection takes it back. */
    public static Borrowing tomcatJdbc() {
        String pool = "org.apache.tomcat.jdbc.pool.ConnectionPool";
        return new Borrowing(
                new Point(pool, named("setupConnection").and(takesArguments(1)), BorrowAdvice.ArgumentBorrowed.class),
                new Point(pool, named("returnConnection").and(takesArguments(1)), BorrowAdvice.ArgumentReturned.class));
    }

    /** c3p0: the NewPooledConnection checked out and checked in by C3P0PooledConnectionPool. */
    public static Borrowing c3p0() {
        String pool = "com.mchange.v2.c3p0.impl.C3P0PooledConnectionPool";
        return new Borrowing(
                new Point(pool, named("checkoutPooledConnection").and(takesArguments(0)), BorrowAdvice.ResultBorrowed.class),
                new Point(pool, named("checkinPooledConnection").and(takesArguments(1)), BorrowAdvice.ArgumentReturned.class));
    }

    /** Agroal: afterAcquire(stamp, ConnectionHandler, ...) on the acquiring thread; returnConnectionHandler. */
    public static Borrowing agroal() {
        String pool = "io.agroal.pool.ConnectionPool";
        return new Borrowing(
                new Point(pool, named("afterAcquire").and(takesArguments(3)), BorrowAdvice.SecondArgumentBorrowed.class),
                new Point(pool, named("returnConnectionHandler").and(takesArguments(1)), BorrowAdvice.ArgumentReturned.class));
    }

    /** Vibur: the ConnHolder taken by getConnHolder and given back by restore. */
    public static Borrowing vibur() {
        String operations = "org.vibur.dbcp.pool.PoolOperations";
        return new Borrowing(
                new Point(operations, named("getConnHolder").and(takesArguments(1)), BorrowAdvice.ResultBorrowed.class),
                new Point(operations, named("restore"), BorrowAdvice.ArgumentReturned.class));
    }

    @Override
    public Set<String> typeNames() {
        return typeNames;
    }

    @Override
    public AgentBuilder apply(AgentBuilder builder) {
        for (String type : typeNames) {
            AgentBuilder.Transformer.ForAdvice advice = LibraryInstrumentation.advice();
            for (Point p : points) {
                if (p.type().equals(type)) {
                    advice = advice.advice(p.method(), p.advice().getName());
                }
            }
            builder = builder.type(named(type)).transform(advice);
        }
        return builder;
    }
}
