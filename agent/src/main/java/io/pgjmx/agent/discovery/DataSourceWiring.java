package io.pgjmx.agent.discovery;

/**
 * What the agent sets up for each DataSource the registry finds (a monitoring connection, the session
 * service, the MBean, ...). Discovery owns this interface and knows nothing of what is behind it, so it
 * depends on no other part of the agent. Called on the agent's thread only.
 */
public interface DataSourceWiring {

    /** Sets up a DataSource just found; throws when it cannot (the registry then forgets the DataSource). */
    Wired wire(FoundDataSource found) throws Exception;

    /** What {@link #wire} set up for one DataSource. */
    interface Wired {

        /** Each sweep (about once a second) while the DataSource lives: lets an idle monitoring connection go. */
        void sweep();

        /** The DataSource closed or was garbage collected: everything set up for it goes. */
        void unwire();

        /**
         * The DataSource's getConnection threw {@code thrown}; called on the application's thread that got it,
         * so it must only hand the work over (the incident snapshot of an exhausted pool).
         */
        default void connectionRefused(Throwable thrown) {
        }
    }
}
