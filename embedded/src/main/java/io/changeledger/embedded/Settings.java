package io.changeledger.embedded;

import java.io.File;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where ChangeLedger keeps its data, which ports it listens on and where the two app jars are.
 * Each value comes from the system property or environment variable of the same name.
 */
public record Settings(
        Path dataDir,
        int commandPort,
        int queryPort,
        int postgresPort,
        int kafkaPort,
        int kafkaControllerPort,
        Path appsDir) {

    public Settings {
        dataDir = dataDir.toAbsolutePath().normalize();
        appsDir = appsDir.toAbsolutePath().normalize();
    }

    public static Settings fromEnvironment() {
        // a system property wins so that one run can override an exported variable
        return from(name -> System.getProperty(name, System.getenv(name)));
    }

    static Settings from(UnaryOperator<String> lookup) {
        return new Settings(
                Path.of(value(lookup, "CHANGELEDGER_DATA_DIR", "data")),
                port(lookup, "CHANGELEDGER_COMMAND_PORT", 8080),
                port(lookup, "CHANGELEDGER_QUERY_PORT", 8081),
                port(lookup, "CHANGELEDGER_POSTGRES_PORT", 15432),
                port(lookup, "CHANGELEDGER_KAFKA_PORT", 9092),
                port(lookup, "CHANGELEDGER_KAFKA_CONTROLLER_PORT", 9093),
                Path.of(value(lookup, "CHANGELEDGER_APPS_DIR", defaultAppsDir().toString())));
    }

    Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    Path kafkaDir() {
        return dataDir.resolve("kafka");
    }

    Path commandJar() {
        return appsDir.resolve("command-side.jar");
    }

    Path queryJar() {
        return appsDir.resolve("query-side.jar");
    }

    /**
     * Started with {@code java -jar}, the class path is just the launcher jar, and the build puts the apps in
     * {@code apps} next to it. Started from an IDE or by Maven, the first entry is {@code target/classes} or
     * {@code target/test-classes}, whose sibling {@code target/apps} is where the build copies them too.
     */
    private static Path defaultAppsDir() {
        String firstEntry = System.getProperty("java.class.path").split(File.pathSeparator)[0];
        Path parent = Path.of(firstEntry).toAbsolutePath().getParent();
        return parent.resolve("apps");
    }

    private static String value(UnaryOperator<String> lookup, String name, String fallback) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static int port(UnaryOperator<String> lookup, String name, int fallback) {
        String value = value(lookup, name, Integer.toString(fallback));
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + " must be a port between 1 and 65535, was " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, was '" + value + "'", e);
        }
    }
}
