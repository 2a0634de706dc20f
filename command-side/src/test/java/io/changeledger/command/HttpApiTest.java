package io.changeledger.command;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The command side over HTTP on a real PostgreSQL and Kafka: what a test sends and what the event store holds
 * afterwards. Subclasses carry their own {@code @SpringBootTest(webEnvironment = RANDOM_PORT, properties = …)}.
 */
@Import(Infrastructure.class)
public abstract class HttpApiTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient jdbc;

    protected RestClient api;

    @BeforeEach
    void connectToTheApi() {
        api = TestCredentials.clientBuilder(port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    protected ResponseEntity<String> post(String path, String body) {
        return api.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(String.class);
    }

    /**
     * Registers a source through the admin API.
     *
     * @param fields further JSON fields of the registration (scope, ratePerSecond, secret), or empty
     * @return the credential issued, or null for a Kafka source
     */
    protected String registerSource(String name, String kind, String fields) {
        ResponseEntity<String> answer = post("/api/v1/admin/sources", """
                {"name":"%s","kind":"%s","registeredBy":"admin"%s}""".formatted(name, kind,
                fields.isEmpty() ? "" : "," + fields));
        if (answer.getStatusCode().value() != 201) {
            throw new IllegalStateException("registering source " + name + " answered " + answer.getStatusCode()
                    + ": " + answer.getBody());
        }
        var credential = JSON.readTree(answer.getBody()).get("credential");
        return credential == null ? null : credential.asString();
    }

    /** A name no other test uses, for a source of its own. */
    protected static String uniqueSourceName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static JsonNode json(ResponseEntity<String> answer) {
        return JSON.readTree(answer.getBody());
    }

    /** The payload of the aggregate's first stored event of the type (its simple name). */
    protected JsonNode stored(String aggregateId, String type) {
        return JSON.readTree(jdbc.sql("""
                        select convert_from(payload, 'UTF8') from command.domainevententry
                        where aggregateidentifier = ? and payloadtype like ? order by sequencenumber limit 1""")
                .params(aggregateId, "%." + type).query(String.class).single());
    }

    /** The simple names of the aggregate's stored events, in its order. */
    protected List<String> eventTypes(String aggregateId) {
        return jdbc.sql("""
                        select payloadtype from command.domainevententry where aggregateidentifier = ?
                        order by sequencenumber""")
                .param(aggregateId).query(String.class).list().stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    protected long storedEvents() {
        return jdbc.sql("select count(*) from command.domainevententry").query(Long.class).single();
    }

    /** @return the probe's first value that is done, or its last one after a minute of asking every 250 ms */
    protected static <T> T eventually(Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(60);
        T value = probe.get();
        while (!done.test(value) && Instant.now().isBefore(until)) {
            Thread.sleep(250);
            value = probe.get();
        }
        return value;
    }
}
