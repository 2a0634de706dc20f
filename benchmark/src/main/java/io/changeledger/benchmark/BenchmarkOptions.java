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
        int accessQueries) {

    /** {@code all} is latency and throughput; the access scenario loads a year of history and runs only by name. */
    enum Scenario { LATENCY, THROUGHPUT, ACCESS, ALL }

    static final String USAGE = """
            Usage: java -jar changeledger-benchmark.jar [options]

              --command-url URL         command API base URL         (default http://localhost:8080)
              --query-url URL           query API base URL           (default http://localhost:8081)
              --scenario NAME           latency | throughput | access | all (default all: latency and
                                        throughput; access runs only when named)
              --latency-count N         measured sequential deployments (default 1000)
              --warmup N                uncounted deployments before measuring (default 100)
              --clients N               concurrent client threads for throughput (default 8)
              --duration-seconds N      how long the throughput clients send (default 30)
              --warmup-seconds N        uncounted throughput load before measuring (default 60)
              --environment NAME        environment of the deployments (default benchmark; production
                                        also runs the production controls: 3 ledger events per deployment)
              --access-events N         access events to record for the access scenario (default 1000000)
              --access-systems N        systems the access history is spread over (default 50)
              --access-queries N        measured as-of matrix queries (default 2000)
              --help                    show this text

            Exit code 0 when every request was accepted and became visible, 1 otherwise, 2 on bad options.
            """;

    static BenchmarkOptions defaults() {
        return new BenchmarkOptions(URI.create("http://localhost:8080"), URI.create("http://localhost:8081"),
                1000, 100, 8, 30, 60, Scenario.ALL, "benchmark", 1_000_000, 50, 2_000);
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

        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[i + 1];
            switch (name) {
                case "--command-url" -> commandUrl = url(name, value);
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
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new BenchmarkOptions(commandUrl, queryUrl, latencyCount, warmup, clients, durationSeconds,
                warmupSeconds, scenario, environment, accessEvents, accessSystems, accessQueries);
    }

    boolean runs(Scenario wanted) {
        return scenario == wanted || scenario == Scenario.ALL && wanted != Scenario.ACCESS;
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

    private static Scenario scenario(String value) {
        try {
            return Scenario.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--scenario must be latency, throughput, access or all, got " + value, e);
        }
    }
}
