package io.changeledger.benchmark;

import java.net.URI;
import java.util.Locale;

/**
 * Command-line options. Parsed by hand from {@code --name value} pairs so that the benchmark needs nothing but the JDK.
 */
record BenchmarkOptions(
        URI commandUrl,
        URI queryUrl,
        int latencyCount,
        int warmup,
        int clients,
        int durationSeconds,
        int warmupSeconds,
        Scenario scenario,
        String environment,
        int accessEvents,
        int accessSystems,
        int accessQueries,
        IngestOptions ingest,
        int proofEvents,
        ReportOptions report,
        String adminToken) {

    /**
     * {@code all} is latency and throughput; the access scenario loads a year of history and the ingest scenario
     * hundreds of thousands of events, so they run only by name. The proof scenario needs no running ledger: it
     * measures leaf hashing and offline dump verification on this machine, also only by name. The report scenario
     * seeds a million changes into the query side's database, so it too runs only by name.
     */
    enum Scenario { LATENCY, THROUGHPUT, ACCESS, INGEST, PROOF, REPORT, ALL }

    static final String USAGE = """
            Usage: java -jar changeledger-benchmark.jar [options]

              --command-url URL         command API base URL         (default http://localhost:8080)
              --query-url URL           query API base URL           (default http://localhost:8081)
              --scenario NAME           latency | throughput | access | ingest | proof | report | all (default
                                        all: latency and throughput; the others run only when named)
              --latency-count N         measured sequential deployments (default 1000)
              --warmup N                uncounted deployments before measuring (default 100)
              --clients N               concurrent client threads for throughput, and concurrent batch
                                        requests for ingest (default 8)
              --duration-seconds N      how long the throughput clients send (default 30)
              --warmup-seconds N        uncounted throughput load before measuring (default 60)
              --environment NAME        environment of the deployments (default benchmark; production
                                        also runs the production controls: 3 ledger events per deployment)
              --access-events N         access events to record for the access scenario (default 1000000)
              --access-systems N        systems the access history is spread over (default 50)
              --access-queries N        measured as-of matrix queries (default 2000)
              --ingest-via PATH         batch | kafka | both: the batch API, the ingest topic, or one after
                                        the other (default both)
              --kafka-bootstrap HOSTS   Kafka brokers of the ledger, for the ingest topic (default
                                        localhost:9092)
              --ingest-events N         measured events of the ingest throughput part, per path (default
                                        200000; 0 leaves the part out)
              --ingest-warmup-events N  uncounted events sent the same way first, until the JIT has
                                        compiled what they run (default 200000)
              --batch-size N            events per batch request, or per Kafka send tick, in the throughput
                                        part (default 1000)
              --ingest-rate N           events/s in the throughput part; 0 = as fast as possible (default 0)
              --ingest-latency-rate N   events/s, paced, in the latency part (default 1000)
              --ingest-latency-seconds N  how long the latency part sends (default 60; 0 leaves it out)
              --ingest-latency-warmup-seconds N  how long the latency part's load is sent first, uncounted,
                                        so that small requests and single-event lookups run compiled
                                        and the throughput part's burst has settled (default 60; 0 leaves
                                        it out)
              --ingest-latency-batch-size N  events per request or tick in the latency part (default 10:
                                        at 1000/s a batch of 10 every 10 ms)
              --ingest-sample-every N   every n-th event of the latency part is followed until the query
                                        side shows it (default 20)
              --ingest-poll-ms N        how often a followed event is looked for (default 20)
              --proof-events N          events hashed, dumped and verified offline by the proof scenario
                                        (default 1000000)
              --report-changes N        production changes the report scenario seeds into the query side's
                                        read model, a year of them (default 1000000)
              --report-jdbc-url URL     the query side's database (default
                                        jdbc:postgresql://localhost:15432/changeledger, the -Prun stack's)
              --report-db-user NAME     (default changeledger)
              --report-db-password PW   (default changeledger)
              --report-db-schema NAME   the query side's schema (default query)
              --report-runs N           measured requests per report, after one uncounted (default 5)
              --report-clean-up BOOL    delete the seeded rows afterwards (default true)
              --admin-token TOKEN       sent as the bearer token of every request but a source's batches
                                        (default $CHANGELEDGER_ADMIN_TOKEN, what the apps take)
              --help                    show this text

            Exit code 0 when every request was accepted and became visible, 1 otherwise, 2 on bad options.
            """;

    static BenchmarkOptions defaults() {
        return new BenchmarkOptions(URI.create("http://localhost:8080"), URI.create("http://localhost:8081"),
                1000, 100, 8, 30, 60, Scenario.ALL, "benchmark", 1_000_000, 50, 2_000, IngestOptions.defaults(), 1_000_000,
                ReportOptions.defaults(), System.getenv("CHANGELEDGER_ADMIN_TOKEN"));
    }

    static boolean wantsHelp(String... args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** @throws IllegalArgumentException with a message fit for the user when an option is unknown or malformed */
    static BenchmarkOptions parse(String... args) {
        BenchmarkOptions defaults = defaults();
        URI commandUrl = defaults.commandUrl();
        URI queryUrl = defaults.queryUrl();
        int latencyCount = defaults.latencyCount();
        int warmup = defaults.warmup();
        int clients = defaults.clients();
        int durationSeconds = defaults.durationSeconds();
        int warmupSeconds = defaults.warmupSeconds();
        Scenario scenario = defaults.scenario();
        String environment = defaults.environment();
        int accessEvents = defaults.accessEvents();
        int accessSystems = defaults.accessSystems();
        int accessQueries = defaults.accessQueries();
        IngestOptions ingestDefaults = defaults.ingest();
        IngestOptions.Via via = ingestDefaults.via();
        String kafkaBootstrap = ingestDefaults.kafkaBootstrap();
        int ingestEvents = ingestDefaults.events();
        int ingestWarmupEvents = ingestDefaults.warmupEvents();
        int batchSize = ingestDefaults.batchSize();
        int ingestRate = ingestDefaults.rate();
        int latencyRate = ingestDefaults.latencyRate();
        int latencySeconds = ingestDefaults.latencySeconds();
        int latencyWarmupSeconds = ingestDefaults.latencyWarmupSeconds();
        int latencyBatchSize = ingestDefaults.latencyBatchSize();
        int sampleEvery = ingestDefaults.sampleEvery();
        int pollMillis = ingestDefaults.pollIntervalMillis();
        int proofEvents = defaults.proofEvents();
        ReportOptions report = defaults.report();
        String adminToken = defaults.adminToken();

        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[i + 1];
            switch (name) {
                case "--command-url" -> commandUrl = url(name, value);
                case "--admin-token" -> adminToken = value.isBlank() ? null : value;
                case "--query-url" -> queryUrl = url(name, value);
                case "--latency-count" -> latencyCount = number(name, value, 1);
                case "--warmup" -> warmup = number(name, value, 0);
                case "--clients" -> clients = number(name, value, 1);
                case "--duration-seconds" -> durationSeconds = number(name, value, 1);
                case "--warmup-seconds" -> warmupSeconds = number(name, value, 0);
                case "--scenario" -> scenario = scenario(value);
                case "--environment" -> environment = value;
                case "--access-events" -> accessEvents = number(name, value, 1);
                case "--access-systems" -> accessSystems = number(name, value, 1);
                case "--access-queries" -> accessQueries = number(name, value, 1);
                case "--ingest-via" -> via = IngestOptions.Via.parse(value);
                case "--kafka-bootstrap" -> kafkaBootstrap = value.strip();
                case "--ingest-events" -> ingestEvents = number(name, value, 0);
                case "--ingest-warmup-events" -> ingestWarmupEvents = number(name, value, 0);
                case "--batch-size" -> batchSize = number(name, value, 1);
                case "--ingest-rate" -> ingestRate = number(name, value, 0);
                case "--ingest-latency-rate" -> latencyRate = number(name, value, 1);
                case "--ingest-latency-seconds" -> latencySeconds = number(name, value, 0);
                case "--ingest-latency-warmup-seconds" -> latencyWarmupSeconds = number(name, value, 0);
                case "--ingest-latency-batch-size" -> latencyBatchSize = number(name, value, 1);
                case "--ingest-sample-every" -> sampleEvery = number(name, value, 1);
                case "--ingest-poll-ms" -> pollMillis = number(name, value, 1);
                case "--proof-events" -> proofEvents = number(name, value, 1);
                case "--report-changes" -> report = report.withChanges(number(name, value, 1));
                case "--report-jdbc-url" -> report = report.withJdbcUrl(value.strip());
                case "--report-db-user" -> report = report.withUser(value);
                case "--report-db-password" -> report = report.withPassword(value);
                case "--report-db-schema" -> report = report.withSchema(schema(name, value));
                case "--report-runs" -> report = report.withRuns(number(name, value, 1));
                case "--report-clean-up" -> report = report.withCleanUp(bool(name, value));
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        IngestOptions ingest = new IngestOptions(via, kafkaBootstrap, ingestEvents, ingestWarmupEvents, batchSize,
                ingestRate, latencyRate, latencySeconds, latencyWarmupSeconds, latencyBatchSize, sampleEvery,
                pollMillis).validated();
        return new BenchmarkOptions(commandUrl, queryUrl, latencyCount, warmup, clients, durationSeconds,
                warmupSeconds, scenario, environment, accessEvents, accessSystems, accessQueries, ingest,
                proofEvents, report, adminToken);
    }

    boolean runs(Scenario wanted) {
        return scenario == wanted
                || scenario == Scenario.ALL && (wanted == Scenario.LATENCY || wanted == Scenario.THROUGHPUT);
    }

    private static URI url(String name, String value) {
        // a trailing slash would produce "//api/..." paths, which some servers refuse
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be an http(s) URL, got " + value, e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http(s) URL, got " + value);
        }
        return uri;
    }

    private static int number(String name, String value, int minimum) {
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + value, e);
        }
        if (parsed < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
        }
        return parsed;
    }

    /** The schema goes into a statement as it is: a plain identifier only. */
    private static String schema(String name, String value) {
        if (!value.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException(name + " must be a plain lower-case identifier, got " + value);
        }
        return value;
    }

    private static boolean bool(String name, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got " + value);
        };
    }

    private static Scenario scenario(String value) {
        try {
            return Scenario.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--scenario must be latency, throughput, access, ingest, proof, report or all, "
                    + "got " + value, e);
        }
    }
}
