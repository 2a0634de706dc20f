package io.changeledger.embedded;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both apps against a Kafka that lets clients in only over TLS with SASL/SCRAM-SHA-512, and a PostgreSQL that takes
 * TCP connections only over TLS, configured the way an operator does it: the {@code CHANGELEDGER_KAFKA_CLIENT_*}
 * variables, passed to every Kafka client of both apps, and {@code sslmode=verify-full} in the JDBC URL. A deployment
 * travels from the command side through Kafka to the query side, which it could not without trusting both
 * certificates and authenticating.
 */
class TransportSecurityIntegrationTest {

    private static final String USER = "changeledger";
    private static final String PASSWORD = "scram-" + UUID.randomUUID();
    private static final Path KEYS = Path.of("target", "ledger-keys-sasl").toAbsolutePath();
    private static final Path TLS = Path.of("target", "kafka-tls").toAbsolutePath();
    private static final String STORE_PASSWORD = "store-" + UUID.randomUUID();

    private static PostgreSQLContainer postgres;
    private static GenericContainer<?> kafka;
    private static String saslServers;
    private static TwoApps apps;
    private static LedgerApi api;

    @BeforeAll
    static void start() throws Exception {
        Path databaseCa = databaseCertificate();
        postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:17"))
                .withCopyFileToContainer(MountableFile.forHostPath(TLS.resolve("postgres.crt"), 0644),
                        "/tls/server.crt")
                .withCopyFileToContainer(MountableFile.forHostPath(TLS.resolve("postgres.key"), 0644),
                        "/tls/server.key")
                .withCopyFileToContainer(MountableFile.forHostPath(TLS.resolve("tls-only.sh"), 0755),
                        "/docker-entrypoint-initdb.d/tls-only.sh")
                .withCommand("postgres", "-c", "ssl=on", "-c", "ssl_cert_file=server.crt",
                        "-c", "ssl_key_file=server.key");
        postgres.start();
        // the name the certificate was made for
        String database = "jdbc:postgresql://localhost:" + postgres.getMappedPort(5432) + "/"
                + postgres.getDatabaseName();
        String jdbcUrl = database + "?sslmode=verify-full&sslrootcert=" + databaseCa;
        try (Connection plain = DriverManager.getConnection(database + "?sslmode=disable", postgres.getUsername(),
                postgres.getPassword())) {
            throw new AssertionError("PostgreSQL took a connection without TLS: " + plain);
        } catch (SQLException refused) {
            assertThat(refused.getMessage()).contains("no pg_hba.conf entry");
        }
        // fixed host ports, so that the broker can advertise the addresses the host reaches it at
        int[] ports = FreePorts.take(4);
        int plaintext = ports[0];
        int sasl = ports[1];
        Path truststore = brokerCertificate();
        kafka = new GenericContainer<>(DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion()))
                // the broker reaches itself (transaction markers) through BROKER, at an address inside the container
                .withEnv("KAFKA_LISTENERS", "PLAINTEXT://:9092,SASL://:9094,BROKER://:9095,CONTROLLER://:9093")
                .withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                        "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,SASL:SASL_SSL")
                .withEnv("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://localhost:" + plaintext
                        + ",SASL://localhost:" + sasl + ",BROKER://localhost:9095")
                .withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "BROKER")
                .withEnv("KAFKA_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                .withEnv("KAFKA_LISTENER_NAME_SASL_SCRAM___SHA___512_SASL_JAAS_CONFIG",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .withCopyFileToContainer(MountableFile.forHostPath(TLS.resolve("broker.p12"), 0644),
                        "/etc/kafka/secrets/broker.p12")
                .withEnv("KAFKA_SSL_KEYSTORE_LOCATION", "/etc/kafka/secrets/broker.p12")
                .withEnv("KAFKA_SSL_KEYSTORE_TYPE", "PKCS12")
                .withEnv("KAFKA_SSL_KEYSTORE_PASSWORD", STORE_PASSWORD)
                .withEnv("KAFKA_SSL_KEY_PASSWORD", STORE_PASSWORD)
                .withExposedPorts(9092, 9094)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindPort(plaintext), ExposedPort.tcp(9092)),
                        new PortBinding(Ports.Binding.bindPort(sasl), ExposedPort.tcp(9094))))
                .waitingFor(Wait.forListeningPorts(9092, 9094).withStartupTimeout(Duration.ofSeconds(120)));
        kafka.start();
        saslServers = "localhost:" + sasl;
        // the operator's step: the application's SCRAM credential, set through the broker's own listener
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:" + plaintext))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), PASSWORD))).all()
                    .get(30, TimeUnit.SECONDS);
        }

        int commandPort = ports[2];
        int queryPort = ports[3];
        apps = TwoApps.start(commandPort, queryPort, Map.ofEntries(
                Map.entry("SPRING_DATASOURCE_URL", jdbcUrl),
                Map.entry("SPRING_DATASOURCE_USERNAME", postgres.getUsername()),
                Map.entry("SPRING_DATASOURCE_PASSWORD", postgres.getPassword()),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", saslServers),
                Map.entry("CHANGELEDGER_KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL"),
                Map.entry("CHANGELEDGER_KAFKA_CLIENT_SSL_TRUSTSTORE_LOCATION", truststore.toString()),
                Map.entry("CHANGELEDGER_KAFKA_CLIENT_SSL_TRUSTSTORE_TYPE", "PKCS12"),
                Map.entry("CHANGELEDGER_KAFKA_CLIENT_SSL_TRUSTSTORE_PASSWORD", STORE_PASSWORD),
                Map.entry("CHANGELEDGER_KAFKA_CLIENT_SASL_MECHANISM", "SCRAM-SHA-512"),
                Map.entry("CHANGELEDGER_KAFKA_CLIENT_SASL_JAAS_CONFIG", jaas(PASSWORD)),
                Map.entry("CHANGELEDGER_KAFKA_REQUEST_TIMEOUT", "5s"),
                Map.entry("CHANGELEDGER_KEY_DIR", KEYS.toString())));
        api = apps.api();
    }

    @AfterAll
    static void stop() {
        TwoApps.stop(apps, kafka, postgres);
    }

    @Test
    void aDeploymentTravelsThroughAKafkaThatAdmitsOnlyScramAuthenticatedClientsOverTls() throws Exception {
        HttpResponse<String> created = api.recordDeployment("""
                {"service":"sasl-checkout","environment":"production","version":"3.1.0","actor":"alice"}""");
        assertThat(created.statusCode()).isEqualTo(201);

        String change = api.awaitChange(LedgerApi.idOf(created.body()), Duration.ofSeconds(60));
        assertThat(change).contains("\"service\":\"sasl-checkout\"", "\"version\":\"3.1.0\"");
    }

    @Test
    void theBrokerRefusesAClientWithTheWrongPassword() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, saslServers);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, TLS.resolve("truststore.p12").toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, STORE_PASSWORD);
        config.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        config.put(SaslConfigs.SASL_JAAS_CONFIG, jaas("not-" + PASSWORD));
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin stranger = Admin.create(config)) {
            assertThatThrownBy(() -> stranger.describeCluster().clusterId().get(15, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    /**
     * A self-signed certificate for localhost and its key for PostgreSQL, made by openssl, and an init script that
     * gives them to the server and lets TCP clients in over TLS only.
     *
     * @return the certificate the clients verify the server with
     */
    private static Path databaseCertificate() throws Exception {
        Files.createDirectories(TLS);
        Path certificate = TLS.resolve("postgres.crt");
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", TLS.resolve("postgres.key").toString(), "-out", certificate.toString(), "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost");
        // run by the image's entry point at the first start, before the server that clients reach starts
        Files.writeString(TLS.resolve("tls-only.sh"), """
                cp /tls/server.crt /tls/server.key "$PGDATA"/
                chown postgres:postgres "$PGDATA"/server.crt "$PGDATA"/server.key 2>/dev/null || true
                chmod 600 "$PGDATA"/server.key
                printf 'local all all trust\nhostssl all all all scram-sha-256\n' > "$PGDATA"/pg_hba.conf
                """);
        return certificate;
    }

    /**
     * A self-signed certificate for localhost in the broker's key store, and the store the clients trust it from,
     * made by the JDK's keytool.
     *
     * @return the clients' trust store
     */
    private static Path brokerCertificate() throws Exception {
        Files.createDirectories(TLS);
        Path keystore = TLS.resolve("broker.p12");
        Path certificate = TLS.resolve("broker.crt");
        Path truststore = TLS.resolve("truststore.p12");
        for (Path old : List.of(keystore, certificate, truststore)) {
            Files.deleteIfExists(old);
        }
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "broker", "-rfc", "-file", certificate.toString(),
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", truststore.toString(), "-storepass", STORE_PASSWORD);
        return truststore;
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private static String jaas(String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER
                + "\" password=\"" + password + "\";";
    }
}
