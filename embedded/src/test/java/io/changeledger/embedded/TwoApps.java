package io.changeledger.embedded;

import org.testcontainers.lifecycle.Startable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Both apps as they run in production: their jars (copied to target/apps by the build), each in a process of its
 * own, configured only by environment variables, called as the bootstrap admin of {@link LedgerApi}.
 */
final class TwoApps implements AutoCloseable {

    private static final Path JARS = Path.of("target", "apps");

    private final AppProcess commandSide;
    private final AppProcess querySide;
    private final LedgerApi api;

    private TwoApps(AppProcess commandSide, AppProcess querySide, LedgerApi api) {
        this.commandSide = commandSide;
        this.querySide = querySide;
        this.api = api;
    }

    /**
     * Starts both and waits until both are healthy.
     *
     * @param settings the database, Kafka and whatever else the test sets; the query side's address for the
     *                 command side's links, the admin token and a quiet update checker are added here
     */
    static TwoApps start(int commandPort, int queryPort, Map<String, String> settings) throws Exception {
        Map<String, String> environment = new HashMap<>(settings);
        environment.putIfAbsent("CHANGELEDGER_QUERY_BASE_URL", "http://localhost:" + queryPort);
        environment.put("CHANGELEDGER_ADMIN_TOKEN", LedgerApi.ADMIN_TOKEN);
        environment.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        AppProcess commandSide = AppProcess.start("command-side", JARS.resolve("command-side.jar"), commandPort,
                environment);
        AppProcess querySide;
        try {
            querySide = AppProcess.start("query-side", JARS.resolve("query-side.jar"), queryPort, environment);
        } catch (Exception e) {
            commandSide.close();
            throw e;
        }
        TwoApps apps = new TwoApps(commandSide, querySide, new LedgerApi(commandPort, queryPort));
        try {
            commandSide.awaitHealthy(Duration.ofSeconds(120));
            querySide.awaitHealthy(Duration.ofSeconds(120));
        } catch (Exception | AssertionError e) {
            apps.close();
            throw e;
        }
        return apps;
    }

    LedgerApi api() {
        return api;
    }

    @Override
    public void close() {
        for (AutoCloseable app : new AutoCloseable[]{commandSide, querySide}) {
            try {
                app.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }
    }

    /** Stops the apps, then what they ran on; any of them may be null, when a start failed before it. */
    static void stop(TwoApps apps, Startable... infrastructure) {
        if (apps != null) {
            apps.close();
        }
        for (Startable part : infrastructure) {
            if (part != null) {
                part.stop();
            }
        }
    }
}
