package io.changeledger.embedded;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.KeyRing;
import io.changeledger.proof.LedgerKeys;
import io.changeledger.proof.TrustedKey;
import io.changeledger.proof.format.ConsistencyProof;
import io.changeledger.proof.format.EvidenceBundles;
import io.changeledger.proof.verify.BundleVerifier;
import io.changeledger.proof.verify.ConsistencyChecker;
import io.changeledger.proof.verify.DumpVerifier;
import io.changeledger.proof.verify.Finding;
import io.changeledger.proof.verify.VerificationReport;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The released jars of both apps, as separate processes, against a real PostgreSQL and a real Kafka
 * in containers: a deployment posted to the command side shows up in the query API, and deployments
 * recorded while Kafka is stopped show up exactly once when it is back.
 */
class FullStackIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern TOTAL = Pattern.compile("\"totalItems\"\\s*:\\s*(\\d+)");
    private static final Path KEYS = Path.of("target", "ledger-keys-full-stack").toAbsolutePath();

    private static PostgreSQLContainer postgres;
    private static KafkaContainer kafka;
    private static TwoApps apps;
    private static int queryPort;
    private static LedgerApi api;

    @BeforeAll
    static void start() throws Exception {
        postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:17"));
        // a fixed host port, so that both apps find Kafka again at the same address after a restart
        int[] ports = FreePorts.take(3);
        int kafkaPort = ports[0];
        kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:" + AppInfoParser.getVersion()))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindPort(kafkaPort), ExposedPort.tcp(9092))));
        postgres.start();
        kafka.start();

        int commandPort = ports[1];
        queryPort = ports[2];
        apps = TwoApps.start(commandPort, queryPort, Map.ofEntries(
                Map.entry("SPRING_DATASOURCE_URL", postgres.getJdbcUrl()),
                Map.entry("SPRING_DATASOURCE_USERNAME", postgres.getUsername()),
                Map.entry("SPRING_DATASOURCE_PASSWORD", postgres.getPassword()),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", kafka.getBootstrapServers()),
                Map.entry("CHANGELEDGER_KAFKA_REQUEST_TIMEOUT", "3s"),
                // short enough that an emergency review becomes overdue while the test waits
                Map.entry("CHANGELEDGER_REVIEW_DEADLINE", "3s"),
                Map.entry("CHANGELEDGER_REVIEW_CHECK_INTERVAL", "1s"),
                Map.entry("CHANGELEDGER_ACCESS_CHECK_INTERVAL", "1s"),
                Map.entry("CHANGELEDGER_KEY_DIR", KEYS.toString()),
                Map.entry("CHANGELEDGER_CHECKPOINT_INTERVAL", "1s")));
        api = apps.api();
    }

    @AfterAll
    static void stop() {
        TwoApps.stop(apps, kafka, postgres);
    }

    @Test
    void aPostedDeploymentBecomesVisibleInTheQueryApi() throws Exception {
        HttpResponse<String> created = post("checkout", "1.4.2");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = LedgerApi.idOf(created.body());
        assertThat(created.headers().firstValue("Location"))
                .contains("http://localhost:" + queryPort + "/api/v1/changes/" + id);

        String change = api.awaitChange(id, Duration.ofSeconds(30));
        assertThat(change).contains("\"service\":\"checkout\"", "\"environment\":\"production\"",
                "\"version\":\"1.4.2\"", "\"actor\":\"alice\"", "\"ticket\":\"OPS-42\"", "\"kind\":\"DEPLOYMENT\"");
    }

    @Test
    void deploymentsRecordedWhileKafkaIsStoppedArriveExactlyOnceWhenItIsBack() throws Exception {
        String service = "outage-" + UUID.randomUUID();
        var docker = DockerClientFactory.instance().client();
        docker.stopContainerCmd(kafka.getContainerId()).exec();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> created = post(service, "during-outage-" + i);
            assertThat(created.statusCode()).as("recorded while Kafka is stopped").isEqualTo(201);
            ids.add(LedgerApi.idOf(created.body()));
        }
        docker.startContainerCmd(kafka.getContainerId()).exec();

        for (String id : ids) {
            api.awaitChange(id, Duration.ofSeconds(120));
        }
        HttpResponse<String> page = api.query("/api/v1/changes?service=" + service + "&size=100");
        Matcher total = TOTAL.matcher(page.body());
        assertThat(total.find()).isTrue();
        assertThat(Long.parseLong(total.group(1))).isEqualTo(ids.size());
        for (String id : ids) {
            assertThat(page.body()).containsOnlyOnce("\"id\":\"" + id + "\"");
        }
    }

    @Test
    void aPlannedChangeItsApprovalsAndItsViolationsReachTheQueryApi() throws Exception {
        String service = "lifecycle-" + UUID.randomUUID();
        Instant now = Instant.now();
        HttpResponse<String> freeze = api.command("/api/v1/freezes", """
                {"services":["%s"],"environments":["production"],"window":{"start":"%s","end":"%s"},
                 "reason":"year-end","declaredBy":"grace"}""".formatted(service, now.minusSeconds(60),
                now.plus(Duration.ofDays(1))));
        assertThat(freeze.statusCode()).as(freeze.body()).isEqualTo(201);
        String freezeId = LedgerApi.idOf(freeze.body());

        HttpResponse<String> requested = api.command("/api/v1/changes", """
                {"details":{"kind":"SCHEMA_MIGRATION","database":"orders","fromVersion":"41","toVersion":"42"},
                 "service":"%s","environment":"production","requester":"alice","risk":"MEDIUM",
                 "evidence":[{"type":"PULL_REQUEST","url":"https://github.com/acme/orders/pull/9"}]}"""
                .formatted(service));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        String id = LedgerApi.idOf(requested.body());
        assertThat(api.command("/api/v1/changes/" + id + "/approvals", "{\"approver\":\"carol\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> selfApproval = api.command("/api/v1/changes/" + id + "/approvals",
                "{\"approver\":\"alice\"}");
        assertThat(selfApproval.statusCode()).isEqualTo(409);
        assertThat(selfApproval.body()).contains("segregation of duties");
        assertThat(api.command("/api/v1/changes/" + id + "/completion", "{\"actor\":\"alice\"}").statusCode())
                .as("completing a change that never started").isEqualTo(409);
        assertThat(api.command("/api/v1/changes/" + id + "/start", "{\"actor\":\"alice\"}").statusCode())
                .isEqualTo(200);
        assertThat(api.command("/api/v1/changes/" + id + "/completion", "{\"actor\":\"alice\"}").statusCode())
                .isEqualTo(200);

        JsonNode change = JSON.readTree(api.awaitQuery("/api/v1/changes/" + id,
                body -> body.contains("\"status\":\"COMPLETED\""), Duration.ofSeconds(30)));
        assertThat(change.path("kind").asString()).isEqualTo("SCHEMA_MIGRATION");
        assertThat(texts(change.path("approvals"), "approver")).containsExactly("carol");
        assertThat(texts(change.path("violations"), "control"))
                .containsExactlyInAnyOrder("SEGREGATION_OF_DUTIES", "CHANGE_FREEZE");
        assertThat(texts(change.path("history"), "type")).containsExactly("ChangeRequested", "ChangeApproved",
                "ChangeStarted", "ControlViolationDetected", "ControlViolationDetected", "ChangeCompleted");

        String month = "from=%s&to=%s".formatted(now.minus(Duration.ofDays(30)), now.plusSeconds(60));
        JsonNode lastMonth = JSON.readTree(api.query("/api/v1/changes?service=" + service
                + "&environment=production&" + month).body());
        assertThat(lastMonth.path("items")).singleElement().satisfies(item -> {
            assertThat(item.path("id").asString()).isEqualTo(id);
            assertThat(texts(item.path("approvals"), "approver")).containsExactly("carol");
            assertThat(texts(item.path("violations"), "control")).contains("CHANGE_FREEZE");
        });
        JsonNode duringFreeze = JSON.readTree(api.awaitQuery("/api/v1/freezes/" + freezeId + "/changes",
                body -> body.contains(id), Duration.ofSeconds(30)));
        assertThat(duringFreeze.toString()).contains(id);
    }

    @Test
    void anEmergencyChangeWithoutAReviewShowsUpAsOverdue() throws Exception {
        HttpResponse<String> hotfix = api.command("/api/v1/changes/reports", """
                {"details":{"kind":"HOTFIX","version":"9.9.1","incident":"INC-1"},"service":"hotfix-%s",
                 "environment":"production","actor":"bob","outcome":"COMPLETED"}""".formatted(UUID.randomUUID()));
        assertThat(hotfix.statusCode()).as(hotfix.body()).isEqualTo(201);
        String id = LedgerApi.idOf(hotfix.body());

        api.awaitQuery("/api/v1/reviews/overdue", body -> body.contains(id), Duration.ofSeconds(30));
        JsonNode change = JSON.readTree(api.awaitQuery("/api/v1/changes/" + id,
                body -> body.contains("EMERGENCY_REVIEW"), Duration.ofSeconds(30)));
        assertThat(change.path("emergency").asBoolean()).isTrue();
        assertThat(texts(change.path("violations"), "control")).contains("EMERGENCY_REVIEW");
    }

    @Test
    void aGrantExpiresByItselfAndStaysInTheMatrixOfEveryMomentOfItsWindow() throws Exception {
        String system = "orders-db-" + UUID.randomUUID();
        HttpResponse<String> requested = api.command("/api/v1/access/requests", """
                {"principal":"alice","system":"%s","role":"dba","justification":"OPS-42 data fix",
                 "duration":"PT1H"}""".formatted(system));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        String grant = LedgerApi.idOf(requested.body());
        assertThat(api.command("/api/v1/access/grants/" + grant + "/approvals", "{\"approver\":\"alice\"}")
                .statusCode()).as("self-approval").isEqualTo(409);
        assertThat(api.command("/api/v1/access/grants/" + grant + "/approvals", "{\"approver\":\"carol\"}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> early = api.command("/api/v1/access/grants/" + grant + "/grant",
                "{\"grantedBy\":\"iam-bot\"}");
        assertThat(early.statusCode()).as("a dba is privileged: two approvals").isEqualTo(409);
        assertThat(api.command("/api/v1/access/grants/" + grant + "/approvals", "{\"approver\":\"dave\"}")
                .statusCode()).isEqualTo(200);
        Instant from = Instant.now();
        Instant until = from.plusSeconds(4);
        assertThat(api.command("/api/v1/access/grants/" + grant + "/grant", """
                {"grantedBy":"iam-bot","validFrom":"%s","validUntil":"%s"}""".formatted(from, until)).statusCode())
                .isEqualTo(200);
        HttpResponse<String> change = api.command("/api/v1/changes/reports", """
                {"details":{"kind":"DATA_CLEANUP","dataset":"orders","affectedRecords":{"orders":3},
                 "classifications":["PERSONAL"],"justification":"OPS-42"},"service":"%s","environment":"production","actor":"alice",
                 "outcome":"COMPLETED","occurredAt":"%s"}""".formatted(system, from.plusSeconds(1)));
        assertThat(change.statusCode()).as(change.body()).isEqualTo(201);
        String changeId = LedgerApi.idOf(change.body());

        JsonNode expired = JSON.readTree(api.awaitQuery("/api/v1/access/grants/" + grant,
                body -> body.contains("\"EXPIRED\""), Duration.ofSeconds(60)));
        assertThat(texts(expired.path("history"), "type")).containsExactly("AccessRequested", "AccessApproved",
                "AccessApproved", "AccessGranted", "AccessExpired");

        String during = api.query("/api/v1/access/matrix?system=" + system + "&at=" + from.plusSeconds(2)).body();
        assertThat(during).contains(grant, "\"alice\"");
        String after = api.query("/api/v1/access/matrix?system=" + system + "&at=" + until).body();
        assertThat(after).doesNotContain(grant);
        assertThat(api.query("/api/v1/access/grants?system=" + system).body()).contains(grant);
        String heldDuringTheChange = api.awaitQuery("/api/v1/changes/" + changeId + "/access",
                body -> body.contains(grant), Duration.ofSeconds(30));
        assertThat(heldDuringTheChange).contains("\"alice\"");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.path(field).asString()));
        return texts;
    }

    @Test
    void anAuditorVerifiesTheExportedLedgerOfflineAndPinpointsAnAlteredEvent() throws Exception {
        String service = "audited-" + UUID.randomUUID();
        String last = null;
        for (int i = 0; i < 5; i++) {
            last = LedgerApi.idOf(post(service, "1.0." + i).body());
        }
        api.awaitChange(last, Duration.ofSeconds(60));
        long size = JSON.readTree(api.query("/api/v1/ledger/tree").body()).get("size").asLong();
        // the query side marks a checkpoint VERIFIED once the events it received give the signed root
        api.awaitQuery("/api/v1/ledger/checkpoints/latest",
                body -> JSON.readTree(body).get("treeSize").asLong() >= size, Duration.ofSeconds(60));
        KeyRing keys = KeyRing.of(new TrustedKey(LedgerKeys.publicKey(
                Files.readString(KEYS.resolve("checkpoint-signing.pub.pem"))), null, null));

        byte[] dump = api.download("/api/v1/ledger/dump");
        VerificationReport report = new DumpVerifier(keys).verify(new ByteArrayInputStream(dump));
        assertThat(report.findings()).isEmpty();
        assertThat(report.entries()).isGreaterThanOrEqualTo(size);

        List<String> lines = new ArrayList<>(List.of(new String(dump, StandardCharsets.UTF_8).split("\n")));
        int altered = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(service) && lines.get(i).contains("\"1.0.2\"")) {
                altered = i;
            }
        }
        assertThat(altered).as("the dump holds the deployment of 1.0.2").isPositive();
        JsonNode line = JSON.readTree(lines.get(altered));
        lines.set(altered, lines.get(altered).replace("\"1.0.2\"", "\"1.0.3\""));
        VerificationReport tampered = new DumpVerifier(keys).verify(new ByteArrayInputStream(
                (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(tampered.findings()).extracting(Finding::kind, Finding::sequence)
                .contains(tuple(Finding.Kind.MODIFIED, line.get("sequence").asLong()));

        String eventId = line.get("entry").get("id").asString();
        byte[] bundle = api.download("/api/v1/ledger/bundle?eventId=" + eventId);
        assertThat(new BundleVerifier(keys).verify(new ByteArrayInputStream(bundle)).findings()).isEmpty();

        // next audit: the checkpoint saved today must be a prefix of the one the ledger shows later
        Checkpoint saved = EvidenceBundles.readCheckpoint(new ByteArrayInputStream(
                api.download("/api/v1/ledger/checkpoints/latest")));
        api.awaitChange(LedgerApi.idOf(post(service, "1.0.5").body()), Duration.ofSeconds(60));
        String newer = api.awaitQuery("/api/v1/ledger/checkpoints/latest",
                body -> JSON.readTree(body).get("treeSize").asLong() > saved.treeSize(), Duration.ofSeconds(60));
        Checkpoint current = EvidenceBundles.readCheckpoint(new ByteArrayInputStream(
                newer.getBytes(StandardCharsets.UTF_8)));
        ConsistencyProof proof = EvidenceBundles.readConsistencyProof(new ByteArrayInputStream(api.download(
                "/api/v1/ledger/proofs/consistency?from=" + saved.treeSize() + "&to=" + current.treeSize())));
        assertThat(new ConsistencyChecker(keys).check(saved, current, proof).findings()).isEmpty();
    }

    @Test
    void anAuditorsRequestTravelsThroughTheCommandSideOntoTheLedgerAndIntoTheActivityReport() throws Exception {
        String auditor = "auditor-" + UUID.randomUUID() + "@audit.example";
        HttpResponse<String> issued = api.queryAdmin("/api/v1/admin/tokens", """
                {"name":"%s","role":"auditor"}""".formatted(auditor));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        HttpResponse<String> asked = api.queryAs(JSON.readTree(issued.body()).get("token").asString(),
                "/api/v1/ledger/tree");
        assertThat(asked.statusCode()).isEqualTo(200);

        // outbox, ingest topic, the command side's AuditorQuery aggregate, the ledger topic, the activity projection
        JsonNode activity = JSON.readTree(api.awaitQuery("/api/v1/audit/activity?auditor=" + auditor,
                body -> JSON.readTree(body).path("items").size() > 0, Duration.ofSeconds(60)));
        JsonNode recorded = activity.path("items").get(0);
        assertThat(recorded.path("auditor").asString()).isEqualTo(auditor);
        assertThat(recorded.path("authenticated").asBoolean()).isTrue();
        assertThat(recorded.path("method").asString()).isEqualTo("GET");
        assertThat(recorded.path("path").asString()).isEqualTo("/api/v1/ledger/tree");
        assertThat(recorded.path("status").asInt()).isEqualTo(200);
        assertThat(recorded.path("sourceSystem").asString()).isEqualTo("changeledger-query-side");

        // the record is a ledger event of its own, with an entry in the tamper-evident tree
        String eventId = recorded.path("eventId").asString();
        JsonNode entry = JSON.readTree(api.awaitQuery("/api/v1/ledger/events/" + eventId,
                body -> JSON.readTree(body).path("inTree").asBoolean(), Duration.ofSeconds(30))).path("entry");
        assertThat(entry.path("type").asString()).isEqualTo("AuditorQueryRecorded");
        assertThat(entry.path("payload").path("auditor").asString()).isEqualTo(auditor);
        assertThat(entry.path("payload").path("path").asString()).isEqualTo("/api/v1/ledger/tree");

        // reading the activity is audited too, so the first request stays recorded exactly once
        JsonNode again = JSON.readTree(api.query("/api/v1/audit/activity?auditor=" + auditor).body());
        assertThat(texts(again.path("items"), "path")).containsOnlyOnce("/api/v1/ledger/tree");
    }

    @Test
    void theTokensOfBothSidesGoOnTheLedgerAndShowWhoCouldReadOrWriteIt() throws Exception {
        String holder = "token-holder-" + UUID.randomUUID();
        JsonNode queryToken = JSON.readTree(api.queryAdmin("/api/v1/admin/tokens", """
                {"name":"%s","role":"auditor"}""".formatted(holder)).body());
        assertThat(api.queryAs(queryToken.get("token").asString(), "/api/v1/changes").statusCode()).isEqualTo(200);
        assertThat(api.queryAdmin("/api/v1/admin/tokens/" + queryToken.get("id").asString() + "/revocation", "{}")
                .statusCode()).isEqualTo(200);
        JsonNode commandToken = JSON.readTree(api.command("/api/v1/admin/tokens", """
                {"name":"%s","role":"compliance"}""".formatted(holder)).body());

        // query side: outbox, ingest topic, the command side's ApiTokenHistory; both: the ledger topic, the projection
        JsonNode tokens = JSON.readTree(api.awaitQuery("/api/v1/audit/tokens?name=" + holder, body -> {
            JsonNode answer = JSON.readTree(body);
            return answer.size() == 2 && answer.get(0).path("revokedAt").isString();
        }, Duration.ofSeconds(60)));
        JsonNode onQuerySide = tokens.get(0);
        assertThat(onQuerySide.path("tokenId").asString()).isEqualTo(queryToken.get("id").asString());
        assertThat(onQuerySide.path("api").asString()).isEqualTo("query-side");
        assertThat(onQuerySide.path("role").asString()).isEqualTo("AUDITOR");
        assertThat(onQuerySide.path("firstUsedAt").isString()).as("first use on the ledger").isTrue();
        assertThat(tokens.get(1).path("tokenId").asString()).isEqualTo(commandToken.get("id").asString());
        assertThat(tokens.get(1).path("api").asString()).isEqualTo("command-side");

        // each is a ledger event with an entry in the tamper-evident tree
        JsonNode entry = JSON.readTree(api.awaitQuery("/api/v1/ledger/events/"
                        + onQuerySide.path("issuedEventId").asString(),
                body -> JSON.readTree(body).path("inTree").asBoolean(), Duration.ofSeconds(30))).path("entry");
        assertThat(entry.path("type").asString()).isEqualTo("ApiTokenIssued");
        assertThat(entry.path("payload").toString()).doesNotContain(queryToken.get("token").asString());
    }

    private static HttpResponse<String> post(String service, String version) throws Exception {
        return api.recordDeployment("""
                {"service":"%s","environment":"production","version":"%s","actor":"alice","ticket":"OPS-42"}"""
                .formatted(service, version));
    }
}
