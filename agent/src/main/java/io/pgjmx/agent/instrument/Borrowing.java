package io.pgjmx.agent.instrument;

import static io.pgjmx.agent.instrument.Hook.Value.RETURNED;
import static io.pgjmx.agent.instrument.Hook.Value.THIS;
import static io.pgjmx.agent.instrument.Hook.Value.argument;
import static io.pgjmx.agent.instrument.MethodMatch.named;
import static io.pgjmx.agent.instrument.MethodMatch.noArgs;

/**
 * Where each pool family hands a physical connection to a thread and takes it back. One instance per family,
 * in that family's line ({@code io.pgjmx.agent.families.*.XFamily}) beside its discovery hooks. Each hook
 * hands the bridge the pool's per-connection object (its "entry"), whose slot gets the thread and the time;
 * the families differ only in where the entry is. A borrow is recorded on success only; a return before
 * the method runs, so a return that fails half-way still clears the holder.
 */
public final class Borrowing implements LibraryInstrumentation {

    private final String type;
    private final MethodMatch borrow;
    private final Hook.Value borrowed;
    private final MethodMatch giveBack;
    private final Hook.Value returned;

    /** {@code borrowed}: where the entry is when {@code borrow} returns; {@code returned}: where it is as {@code giveBack} begins. */
    private Borrowing(String type, MethodMatch borrow, Hook.Value borrowed, MethodMatch giveBack, Hook.Value returned) {
        this.type = type;
        this.borrow = borrow;
        this.borrowed = borrowed;
        this.giveBack = giveBack;
        this.returned = returned;
    }

    private Borrowing(String type, MethodMatch borrow, Hook.Value borrowed, MethodMatch giveBack) {
        this(type, borrow, borrowed, giveBack, argument(0));
    }

    /** HikariCP (4 to 7): the PoolEntry itself, borrowed by createProxyConnection, back by recycle. */
    public static Borrowing hikari() {
        return new Borrowing("com.zaxxer.hikari.pool.PoolEntry", named("createProxyConnection"), THIS,
                named("recycle"), THIS);
    }

    /**
     * DBCP2 and Tomcat's copy of it: commons-pool calls activateObject on the borrowing thread and
     * passivateObject on return, both with the PooledObject that wraps the connection for its whole life.
     */
    public static Borrowing dbcp2(String packagePrefix) {
        return new Borrowing(packagePrefix + "PoolableConnectionFactory", named("activateObject").withParameters(1),
                argument(0), named("passivateObject").withParameters(1));
    }

    /** Tomcat JDBC: setupConnection(PooledConnection) makes the borrowed connection's proxy; returnConnection takes it back. */
    public static Borrowing tomcatJdbc() {
        return new Borrowing("org.apache.tomcat.jdbc.pool.ConnectionPool", named("setupConnection").withParameters(1),
                argument(0), named("returnConnection").withParameters(1));
    }

    /** c3p0: the NewPooledConnection checked out and checked in by C3P0PooledConnectionPool. */
    public static Borrowing c3p0() {
        return new Borrowing("com.mchange.v2.c3p0.impl.C3P0PooledConnectionPool", noArgs("checkoutPooledConnection"),
                RETURNED, named("checkinPooledConnection").withParameters(1));
    }

    /** Agroal: afterAcquire(stamp, ConnectionHandler, ...) on the acquiring thread; returnConnectionHandler. */
    public static Borrowing agroal() {
        return new Borrowing("io.agroal.pool.ConnectionPool", named("afterAcquire").withParameters(3), argument(1),
                named("returnConnectionHandler").withParameters(1));
    }

    /** Vibur: the ConnHolder taken by getConnHolder and given back by restore. */
    public static Borrowing vibur() {
        return new Borrowing("org.vibur.dbcp.pool.PoolOperations", named("getConnHolder").withParameters(1), RETURNED,
                named("restore"));
    }

    @Override
    public void addTo(HookTable table) {
        table.add(type, borrow, Hook.onReturn("borrowed", borrowed))
                .add(type, giveBack, Hook.onEnter("returned", returned));
    }
}
