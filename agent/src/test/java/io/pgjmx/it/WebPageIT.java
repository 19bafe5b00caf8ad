package io.pgjmx.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgjmx.testing.AgentJvm;
import io.pgjmx.testing.Db;
import io.pgjmx.testing.Eventually;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sessions page {@code /pgjmx/} in a real headless Chromium, against the real agent in a separate JVM with
 * an incident in progress: a culprit idle in transaction holds one row for each of two victims that wait on it.
 * The browser signs in with the endpoint's credentials (basic auth in the URL) and uses the page as an operator
 * would; the database is checked from the test, not through the page. A second agent without credentials
 * shows the read-only page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageIT {

    private static final String USER = "ops";
    private static final String PASSWORD = "web-it-pw";
    private static final String ROLE = "web_app";
    private static final String XSS = "<img src=x onerror=alert(1)>";
    private static final String CULPRIT_QUERY = "update pgjmx_it set v = v + 1 where id <= 2";

    private static AgentJvm app;
    private static AgentJvm anonymousApp;
    private static Browser browser;
    private static String page;
    private static String anonymousPage;
    private static int culprit;
    private static int victim1;
    private static int victim2;
    private static int spare;
    private static int xssPid;
    private static final List<Connection> direct = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        Db.createLockTable();
        Db.pg().createRole(ROLE, Db.APP_PASSWORD);
        Db.awaitNoSessionsOf(ROLE);
        app = AgentJvm.start("port=0,user=" + USER + ",password=" + PASSWORD);
        app.send("hikari shop 4 " + Db.url() + " " + ROLE + " " + Db.APP_PASSWORD);
        app.awaitDataSource("shop");
        URI jolokia = URI.create(app.jolokiaUrl());
        page = "http://" + USER + ":" + PASSWORD + "@" + jolokia.getHost() + ":" + jolokia.getPort() + "/pgjmx/";

        culprit = Integer.parseInt(app.send("lock shop 2"));
        victim1 = Integer.parseInt(app.send("wait shop 1"));
        victim2 = Integer.parseInt(app.send("wait shop 2"));
        spare = Integer.parseInt(app.send("query shop"));
        Eventually.that(java.time.Duration.ofSeconds(10), () -> Db.waitingOnLock(victim1) && Db.waitingOnLock(victim2),
                "both victims wait on the culprit's rows");
        Connection xss = Db.connect(ROLE, Db.APP_PASSWORD, XSS);
        direct.add(xss);
        xssPid = Db.pid(xss);

        anonymousApp = AgentJvm.start("port=0");
        anonymousApp.send("hikari audit 1 " + Db.url() + " " + ROLE + " " + Db.APP_PASSWORD);
        anonymousApp.awaitDataSource("audit");
        anonymousPage = anonymousApp.jolokiaUrl().replaceFirst("/jolokia/$", "/pgjmx/");
    }

    @AfterAll
    static void stop() throws Exception {
        for (Connection c : direct) {
            c.close();
        }
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (anonymousApp != null) {
            anonymousApp.close();
        }
    }

    private static void openSignedIn() throws Exception {
        browser.open(page);
        browser.await(() -> browser.rowPids().contains((long) culprit), "the culprit's row on the page");
    }

    private static String cell(int pid, String key) {
        return browser.text("#sessions tbody tr[data-pid='" + pid + "'] td[data-key='" + key + "']");
    }

    private static List<String> classes(int pid) {
        return browser.js("const tr = document.querySelector(\"#sessions tbody tr[data-pid='\" + arguments[0] + \"']\");"
                + " return tr ? [...tr.classList].sort() : null;", pid);
    }

    @Test
    @Order(1)
    void culpritIsIdleInTransactionAndALockRootWithItsVictimsUnderIt() throws Exception {
        openSignedIn();
        browser.await(() -> classes(culprit).contains("lock-root"), "the culprit marked as a lock root");

        assertThat(cell(culprit, "state")).isEqualTo("idle in transaction");
        assertThat(classes(culprit)).containsExactly("idle-in-transaction", "lock-root");
        List<Integer> victims = Stream.of(victim1, victim2).sorted().toList();
        assertThat(cell(culprit, "blocks")).isEqualTo("root " + victims.get(0) + ", " + victims.get(1));
        assertThat(cell(culprit, "own")).isEqualTo("yes");
        for (int victim : victims) {
            assertThat(classes(victim)).containsExactly("blocked");
            assertThat(cell(victim, "blockedBy")).isEqualTo(String.valueOf(culprit));
            assertThat(cell(victim, "state")).isEqualTo("active");
            assertThat(cell(victim, "wait")).isEqualTo("Lock:transactionid");
        }
        assertThat(classes(spare)).isEmpty();

        List<Long> roots = browser.js("return [...document.querySelectorAll('#locks ul.tree > li')].map(li => Number(li.dataset.pid));");
        assertThat(roots).containsExactly((long) culprit);
        List<Long> under = browser.js("return [...document.querySelectorAll('#locks ul.tree > li > ul > li')]"
                + ".map(li => Number(li.dataset.pid));");
        assertThat(under).containsExactly((long) victims.get(0), (long) victims.get(1));

        assertThat(count("WaitingSessionCount")).isEqualTo("2");
        assertThat(count("OwnSessionCount")).isEqualTo("4");
        assertThat(count("IdleInTransactionSessionCount")).isEqualTo("1");

        browser.click("#sessions tbody tr[data-pid='" + culprit + "'] td[data-key='pid']");
        browser.await(() -> ("Session " + culprit).equals(browser.text("#detail-title")), "the culprit's detail");
        assertThat(browser.text("#detail-query")).isEqualTo(CULPRIT_QUERY);
        browser.screenshot(Path.of("target", "web", "sessions-page.png"));
    }

    private static String count(String name) {
        return browser.text("#counts [data-count='" + name + "'] .n");
    }

    @Test
    @Order(2)
    void theFilterNarrowsTheTableToExactlyTheMatchingRowsAndShowsTheServersError() throws Exception {
        openSignedIn();
        applyFilter("blocked=true");
        browser.await(() -> browser.rowPids().size() == 2, "two rows for blocked=true");
        assertThat(browser.rowPids()).containsExactlyInAnyOrder((long) victim1, (long) victim2);

        applyFilter("state=idle_in_transaction own=true");
        browser.await(() -> browser.rowPids().equals(List.of((long) culprit)), "the culprit only");

        applyFilter("application='" + XSS + "'");
        browser.await(() -> browser.rowPids().equals(List.of((long) xssPid)), "the session with the odd name only");

        applyFilter("colour=red");
        browser.await(() -> !browser.hidden("#filter-error"), "the filter's error");
        Http.Response refused = new Http(app.jolokiaUrl(), USER, PASSWORD)
                .post(Http.exec("pgjmx:type=DataSource,name=shop", "listSessions", "colour=red"));
        String serverSays = refused.error().replaceFirst("^([\\w$]+\\.)*[\\w$]*(Exception|Error)\\s*:\\s*", "");
        assertThat(serverSays).startsWith("unknown filter key 'colour'");
        assertThat(browser.text("#filter-error")).isEqualTo(serverSays);
        assertThat(browser.rowPids()).isEmpty();

        browser.click("#clear");
        browser.await(() -> browser.rowPids().containsAll(List.of((long) culprit, (long) victim1, (long) victim2,
                (long) spare, (long) xssPid)), "every session again");
        assertThat(browser.hidden("#filter-error")).isTrue();
    }

    private static void applyFilter(String filter) throws Exception {
        browser.type("#filter", filter);
        browser.click("#apply");
    }

    @Test
    @Order(3)
    void anApplicationNameWithMarkupIsShownAsText() throws Exception {
        openSignedIn();
        browser.await(() -> XSS.equals(cell(xssPid, "applicationName")), "the name as text");
        Long images = browser.js("return document.querySelectorAll('img').length;");
        assertThat(images).isZero();
        browser.click("#sessions tbody tr[data-pid='" + xssPid + "'] td[data-key='user']");
        browser.await(() -> ("Session " + xssPid).equals(browser.text("#detail-title")), "its detail");
        List<String> detail = browser.js("return [...document.querySelectorAll('#detail-fields dd')].map(d => d.textContent);");
        assertThat(detail).contains(XSS);
        assertThat(browser.noAlert()).as("no script of the name ran").isTrue();
    }

    @Test
    @Order(4)
    void sortingByAColumnOrdersTheRows() throws Exception {
        openSignedIn();
        assertThat(browser.text("#sessions th[aria-sort='descending']")).as("the oldest transaction first by default")
                .isEqualTo("xact age");
        browser.await(() -> browser.rowPids().get(0) == culprit, "the culprit on top");
        browser.click("#sessions th[data-key='pid']");
        browser.await(() -> browser.text("#sessions th[data-key='pid'][aria-sort='ascending']") != null,
                "pid sorted ascending");
        assertThat(browser.rowPids()).isSorted().hasSizeGreaterThanOrEqualTo(5);
        browser.click("#sessions th[data-key='pid']");
        browser.await(() -> browser.text("#sessions th[data-key='pid'][aria-sort='descending']") != null,
                "pid sorted descending");
        assertThat(browser.rowPids()).isSortedAccordingTo(java.util.Comparator.reverseOrder()).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    @Order(5)
    void theTableRefreshesByItselfAndPausesOnRequest() throws Exception {
        openSignedIn();
        Connection late = Db.connect(ROLE, Db.APP_PASSWORD, "web-it-late-arrival");
        direct.add(late);
        int latePid = Db.pid(late);
        browser.await(() -> browser.rowPids().contains((long) latePid), "a new session shown without any click");
        assertThat(cell(latePid, "applicationName")).isEqualTo("web-it-late-arrival");

        browser.click("#pause");
        browser.await(() -> "Resume".equals(browser.text("#pause")), "the pause button turned into Resume");
        assertThat(browser.text("#refresh-state")).startsWith("paused");
        browser.click("#pause");
        browser.await(() -> "Pause".equals(browser.text("#pause")), "refreshing again");
        browser.await(() -> browser.text("#refresh-state").startsWith("updated"), "updated again");
    }

    @Test
    @Order(6)
    void exportWritesTheShownRowsAsCsvAndJson() throws Exception {
        openSignedIn();
        applyFilter("blocked=true");
        browser.await(() -> browser.rowPids().size() == 2, "the two victims");
        browser.click("#export-csv");
        Path csv = awaitDownload(".csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("pid,state,transactionSeconds,querySeconds,stateSeconds,blockedBy,blocks,own,");
        assertThat(lines.subList(1, lines.size())).hasSize(2).allSatisfy(l -> assertThat(l)
                .contains(",active,").contains("," + culprit + ",,true,"));
        browser.click("#export-json");
        Path json = awaitDownload(".json");
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = new org.jolokia.json.parser.JSONParser().parse(Files.readString(json), Map.class);
        assertThat(doc.get("filter")).isEqualTo("blocked=true");
        assertThat(doc.get("dataSource")).isEqualTo("shop");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sessions = (List<Map<String, Object>>) doc.get("sessions");
        assertThat(sessions).extracting(s -> ((Number) s.get("pid")).intValue())
                .containsExactlyInAnyOrder(victim1, victim2);
        applyFilter("");
    }

    private static Path awaitDownload(String suffix) throws Exception {
        Path[] found = new Path[1];
        browser.await(() -> {
            try (Stream<Path> files = Files.list(browser.downloads)) {
                found[0] = files.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            }
            return found[0] != null && Files.size(found[0]) > 0;
        }, "a downloaded " + suffix + " file");
        return found[0];
    }

    @Test
    @Order(7)
    void withoutCredentialsThePageShowsNoActionsAndSaysWhy() throws Exception {
        browser.open(anonymousPage);
        browser.await(() -> !browser.rowPids().isEmpty(), "rows on the read-only page");
        assertThat(browser.text("#actions-off")).isEqualTo("Actions are off: the endpoint has no credentials, so over "
                + "HTTP it is a read-only window; start the agent with the options user and password (HTTP basic auth) "
                + "to cancel and terminate from this page.");
        assertThat(browser.hidden("#actions-off")).isFalse();
        assertThat(browser.hidden("#bulk-actions")).isTrue();
        Long buttons = browser.js("return document.querySelectorAll('#sessions button, th.actions').length;");
        assertThat(buttons).isZero();
        browser.click("#sessions tbody tr td[data-key='pid']");
        browser.await(() -> !browser.hidden("#detail"), "a detail panel");
        assertThat(browser.hidden("#detail-cancel")).isTrue();
        assertThat(browser.hidden("#detail-terminate")).isTrue();
    }

    @Test
    @Order(8)
    void bulkTerminateHitsExactlyTheConfirmedSet() throws Exception {
        String name = "web-it-bulk";
        List<Integer> listed = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Connection c = Db.connect(ROLE, Db.APP_PASSWORD, name);
            direct.add(c);
            listed.add(Db.pid(c));
        }
        openSignedIn();
        applyFilter("application=" + name);
        browser.await(() -> browser.rowPids().size() == 2, "the two sessions of the filter");
        browser.click("#bulk-terminate");
        browser.await(() -> browser.js("return document.getElementById('confirm').open;"), "the confirmation");
        List<Long> confirmed = browser.js("return [...document.querySelectorAll('#confirm-pids li')].map(li => Number(li.dataset.pid));");
        assertThat(confirmed).containsExactly(listed.stream().sorted().map(Integer::longValue).toArray(Long[]::new));
        assertThat(browser.text("#confirm-go")).isEqualTo("Terminate 2 sessions");

        // a session that starts matching after the confirmation was shown is not in the set, so it stays
        Connection late = Db.connect(ROLE, Db.APP_PASSWORD, name);
        direct.add(late);
        int latePid = Db.pid(late);
        browser.click("#confirm-go");
        browser.await(() -> !Db.alive(listed.get(0)) && !Db.alive(listed.get(1)), "both confirmed sessions ended");
        assertThat(Db.alive(latePid)).as("the late session was not confirmed, so not hit").isTrue();
        browser.await(() -> browser.rowPids().equals(List.of((long) latePid)), "the table shows only the late session");
        assertThat(browser.text("#message")).isEqualTo("Terminated pid " + listed.get(0) + ", " + listed.get(1) + ".");
    }

    @Test
    @Order(9)
    void terminatingTheCulpritThroughTheConfirmationEndsItAndTheTableUpdates() throws Exception {
        openSignedIn();
        browser.click("#sessions tbody tr[data-pid='" + culprit + "'] button[data-action='terminate']");
        browser.await(() -> browser.js("return document.getElementById('confirm').open;"), "the confirmation");
        List<Long> confirmed = browser.js("return [...document.querySelectorAll('#confirm-pids li')].map(li => Number(li.dataset.pid));");
        assertThat(confirmed).containsExactly((long) culprit);
        assertThat(browser.text("#confirm-title")).isEqualTo("Terminate 1 session?");
        browser.click("#confirm-go");

        browser.await(() -> !Db.alive(culprit), "the culprit's backend ended");
        assertThat(Db.pidsWhere("pid = " + culprit)).isEmpty();
        browser.await(() -> !browser.rowPids().contains((long) culprit), "the culprit's row gone from the table");
        browser.await(() -> "No session waits on a lock.".equals(browser.text("#locks")), "an empty lock tree");
        assertThat(browser.text("#message")).isEqualTo("Terminated pid " + culprit + ".");
        assertThat(Db.waitingOnLock(victim1) || Db.waitingOnLock(victim2)).isFalse();
        assertThat(browser.noAlert()).isTrue();
    }
}
