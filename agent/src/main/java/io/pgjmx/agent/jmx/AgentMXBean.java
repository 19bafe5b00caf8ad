package io.pgjmx.agent.jmx;

/** {@code pgjmx:type=Agent}. */
@Description("pgjmx agent: finds the application's PostgreSQL DataSources and registers one "
        + "pgjmx:type=DataSource MBean for each")
public interface AgentMXBean {

    @Description("Version of the pgjmx agent")
    String getVersion();

    @Description("URL of the embedded Jolokia HTTP endpoint; empty when HTTP is off")
    String getJolokiaUrl();

    @Description("True when every cancel and terminate is refused (agent option readOnly=true)")
    boolean isReadOnly();

    @Description("Names of the discovered PostgreSQL DataSources (the NAME of pgjmx:type=DataSource,name=NAME)")
    String[] getDataSourceNames();
}
