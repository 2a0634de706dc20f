package io.changeledger.embedded;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way in, end to end: the released jars of both apps as processes, a real PostgreSQL and Kafka. What a
 * source sends through the batch API, as a CloudEvent, as a signed webhook, or on the ingest topic reaches the
 * query API through the ledger topic; what is bad is refused or parked, and nothing good beside it is lost.
 */
class FullStackIngestIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration VISIBLE = Duration.ofSeconds(60);
    private static final String SECRETS_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static PostgreSQLContainer postgres;
    private static KafkaContainer kafka;
    private static TwoApps apps;
    private static LedgerApi api;

    @BeforeAll
    static void start() throws Exception {
        postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:17"));
        kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion()));
        postgres.start();
        kafka.start();
        int[] ports = FreePorts.take(2);
        apps = TwoApps.start(ports[0], ports[1], Map.of(
                "SPRING_DATASOURCE_URL", postgres.getJdbcUrl(),
                "SPRING_DATASOURCE_USERNAME", postgres.getUsername(),
                "SPRING_DATASOURCE_PASSWORD", postgres.getPassword(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.getBootstrapServers(),
                "CHANGELEDGER_SECRETS_KEY", SECRETS_KEY,
                "CHANGELEDGER_KEY_DIR", Path.of("target", "ledger-keys-ingest").toAbsolutePath().toString()));
        api = apps.api();
    }

    @AfterAll
    static void stop() {
        TwoApps.stop(apps, kafka, postgres);
    }

    private static String register(String name, String kind) throws Exception {
        HttpResponse<String> registered = api.command("/api/v1/admin/sources", """
                {"name":"%s","kind":"%s","registeredBy":"admin"}""".formatted(name, kind));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode credential = JSON.readTree(registered.body()).get("credential");
        return credential == null ? null : credential.asString();
    }

    @Test
    void aBatchWithGoodAndBadItemsRecordsTheGoodOnesAndTheQueryApiShowsThemAndTheSourcesGap() throws Exception {
        String source = "ci-" + UUID.randomUUID().toString().substring(0, 8);
        String token = register(source, "API");
        String service = "batch-" + UUID.randomUUID();
        String item = """
                {"type":"deployment.recorded","idempotencyKey":"%s","sequence":%d,"data":{"service":"%s",
                 "environment":"staging","version":"%s","actor":"ci"}}""";

        HttpResponse<String> answer = api.send("/api/v1/events", "application/json",
                Map.of("Authorization", "Bearer " + token), "[" + String.join(",",
                        item.formatted("a", 1, service, "1.0.0"),
                        "{\"type\":\"deployment.recorded\",\"idempotencyKey\":\"b\",\"data\":{}}",
                        item.formatted("c", 4, service, "1.0.1")) + "]");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode results = JSON.readTree(answer.body()).get("results");
        assertThat(results.get(1).get("status").asString()).isEqualTo("REJECTED");
        api.awaitChange(results.get(0).get("id").asString(), VISIBLE);
        api.awaitChange(results.get(2).get("id").asString(), VISIBLE);
        JsonNode gaps = JSON.readTree(api.awaitQuery("/api/v1/sources/gaps?source=" + source,
                body -> body.contains("\"receivedSequence\":4"), VISIBLE));
        assertThat(gaps.get("items").get(0).get("expectedSequence").asLong()).isEqualTo(2);
        assertThat(api.query("/api/v1/sources/" + source).body()).contains("\"kind\":\"API\"");
        HttpResponse<String> anonymous = api.send("/api/v1/events", "application/json", Map.of(), "[]");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void cdEventsOfADeploymentAndAnIncidentReachTheQueryApiOnce() throws Exception {
        String token = register("argocd-" + UUID.randomUUID().toString().substring(0, 8), "API");
        String service = "cdevents-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        String deployed = """
                {"specversion":"1.0","id":"%s","source":"/argocd/prod","type":"dev.cdevents.service.deployed.0.2.0",
                 "datacontenttype":"application/json","data":{"context":{"version":"0.4.1","id":"%s",
                 "source":"/argocd/prod","type":"dev.cdevents.service.deployed.0.2.0",
                 "timestamp":"2026-11-26T10:00:00Z"},"subject":{"id":"%s","source":"/argocd/prod","type":"service",
                 "content":{"environment":{"id":"production","source":"/argocd/prod"},
                 "artifactId":"pkg:oci/%s@sha256%%3A0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427"}}}}"""
                .formatted(id, id, service, service);
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token);

        HttpResponse<String> first = api.send("/api/v1/cloudevents", "application/cloudevents+json", auth, deployed);
        HttpResponse<String> again = api.send("/api/v1/cloudevents", "application/cloudevents+json", auth, deployed);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.body()).contains("\"status\":\"DUPLICATE\"");
        String change = api.awaitChange(LedgerApi.idOf(first.body()), VISIBLE);
        assertThat(change).contains("\"service\":\"" + service + "\"", "\"environment\":\"production\"");
        HttpResponse<String> incident = api.send("/api/v1/cloudevents", "application/cloudevents+json", auth, """
                {"specversion":"1.0","id":"inc-%s","source":"/pagerduty","type":"dev.cdevents.incident.detected.0.2.0",
                 "data":{"context":{"version":"0.4.1","id":"inc-%s","source":"/pagerduty",
                 "type":"dev.cdevents.incident.detected.0.2.0","timestamp":"2026-11-26T10:05:00Z"},
                 "subject":{"id":"INC-%s","source":"/pagerduty","type":"incident","content":{
                 "description":"error rate above 5%%","environment":{"id":"production"},
                 "service":{"id":"%s"}}}}}""".formatted(id, id, id, service));
        assertThat(incident.statusCode()).as(incident.body()).isEqualTo(201);
        api.awaitQuery("/api/v1/incidents/" + LedgerApi.idOf(incident.body()),
                body -> body.contains("\"service\":\"" + service + "\""), VISIBLE);
        HttpResponse<String> page = api.query("/api/v1/changes?service=" + service);
        assertThat(page.body()).contains("\"totalItems\":1");
    }

    @Test
    void theIngestTopicRecordsGoodRecordsAndParksAPoisonedOneWithoutStopping() throws Exception {
        String source = "kafka-" + UUID.randomUUID().toString().substring(0, 8);
        register(source, "KAFKA");
        String service = "topic-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (String value : List.of("""
                    {"type":"deployment.recorded","idempotencyKey":"k1","data":{"service":"%s",
                     "environment":"staging","version":"2.0.0","actor":"argo"}}""".formatted(service),
                    "{poison", """
                    {"type":"deployment.recorded","idempotencyKey":"k2","data":{"service":"%s",
                     "environment":"staging","version":"2.0.1","actor":"argo"}}""".formatted(service))) {
                ProducerRecord<String, String> record = new ProducerRecord<>("changeledger.ingest", service, value);
                record.headers().add("changeledger-source", source.getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }

        api.awaitQuery("/api/v1/changes?service=" + service, body -> body.contains("\"totalItems\":2"), VISIBLE);
        assertThat(parkedKeys()).contains(service);
    }

    @Test
    void aSignedGitHubDeploymentAndItsSuccessBecomeOneCompletedChangeAndAForgedOneIsRefused() throws Exception {
        String source = "github-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "a webhook secret of the acme org";
        HttpResponse<String> registered = api.command("/api/v1/admin/sources", """
                {"name":"%s","kind":"GITHUB","secret":"%s","registeredBy":"admin"}""".formatted(source, secret));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String repository = "shop-" + UUID.randomUUID();
        String deployment = """
                {"id":1,"sha":"a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d","ref":"main","task":"deploy","payload":{},
                 "environment":"staging","description":null,"creator":{"login":"octocat"},
                 "created_at":"2026-11-26T10:00:00Z","updated_at":"2026-11-26T10:00:00Z"}""";
        String repo = """
                {"name":"%s","full_name":"acme/%s","html_url":"https://github.com/acme/%s"}"""
                .formatted(repository, repository, repository);
        String created = """
                {"action":"created","deployment":%s,"repository":%s,"sender":{"login":"octocat"}}"""
                .formatted(deployment, repo);
        String succeeded = """
                {"action":"created","deployment_status":{"id":2,"state":"success","creator":{"login":"octocat"},
                 "description":"deployed","environment":"staging","target_url":"",
                 "log_url":"https://github.com/acme/shop/actions/runs/42","created_at":"2026-11-26T10:05:00Z",
                 "updated_at":"2026-11-26T10:05:00Z"},"deployment":%s,"repository":%s,"sender":{"login":"octocat"}}"""
                .formatted(deployment, repo);

        HttpResponse<String> forged = github(source, "deployment", "d-0", created, "not the secret");
        HttpResponse<String> started = github(source, "deployment", "d-1", created, secret);
        HttpResponse<String> finished = github(source, "deployment_status", "d-2", succeeded, secret);

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
        String id = LedgerApi.idOf(started.body());
        assertThat(LedgerApi.idOf(finished.body())).isEqualTo(id);
        // the completion and its evidence are two events, which a publisher batch may end between
        String change = api.awaitQuery("/api/v1/changes/" + id, body -> body.contains("\"status\":\"COMPLETED\"")
                && body.contains("https://github.com/acme/shop/actions/runs/42"), VISIBLE);
        assertThat(change).contains("\"service\":\"" + repository + "\"",
                "a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d", "https://github.com/acme/shop/actions/runs/42");
    }

    private static HttpResponse<String> github(String source, String event, String delivery, String body,
                                               String secret) throws Exception {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(hmac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return api.send("/api/v1/webhooks/github/" + source, "application/json", Map.of("X-GitHub-Event", event,
                "X-GitHub-Delivery", delivery, "X-Hub-Signature-256", signature), body);
    }

    private static List<String> parkedKeys() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition dlq = new TopicPartition("changeledger.ingest.dlq", 0);
            consumer.assign(List.of(dlq));
            consumer.seekToBeginning(List.of(dlq));
            List<String> keys = new java.util.ArrayList<>();
            Instant until = Instant.now().plusSeconds(3);
            while (Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
            }
            return keys;
        }
    }
}
