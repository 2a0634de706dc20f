package io.changeledger.command.ingest;

import io.changeledger.command.HttpApiTest;
import io.changeledger.jdbc.StalePlans;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionOperations;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch API on a real PostgreSQL: per-item results, durable idempotency keys, and limits. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "changeledger.ingest.max-items=5",
        "changeledger.ingest.max-size=4KB",
        // the tests tell from its log whether a batch's transaction failed and its items were recorded one by one
        "logging.level.io.changeledger.command.ingest.Ingestion=debug"})
@ExtendWith(OutputCaptureExtension.class)
class BatchIngestIntegrationTest extends HttpApiTest {

    @Autowired
    private TransactionOperations transaction;

    private String service;
    private String source;
    private String token;

    @BeforeEach
    void newServiceAndSource() {
        service = "svc-" + UUID.randomUUID();
        source = uniqueSourceName("argocd");
        token = registerSource(source, "API", "");
    }

    private ResponseEntity<String> postBatch(String contentType, String body) {
        return postBatch(token, contentType, body);
    }

    private ResponseEntity<String> postBatch(String token, String contentType, String body) {
        return api.post().uri("/api/v1/events").contentType(MediaType.parseMediaType(contentType))
                .headers(headers -> {
                    if (token != null) {
                        headers.setBearerAuth(token);
                    }
                }).body(body).retrieve().toEntity(String.class);
    }

    private JsonNode batch(String contentType, String body) {
        ResponseEntity<String> answer = postBatch(contentType, body);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return JSON.readTree(answer.getBody());
    }

    private String deployment(String key, String version) {
        return """
                {"type":"deployment.recorded","idempotencyKey":"%s",
                 "data":{"service":"%s","environment":"staging","version":"%s","actor":"deploy-bot"}}"""
                .formatted(key, service, version).replace("\n", "");
    }

    private static List<String> statuses(JsonNode batch) {
        List<String> statuses = new ArrayList<>();
        batch.get("results").forEach(result -> statuses.add(result.get("status").asString()));
        return statuses;
    }

    @Test
    void recordsTheGoodItemsOfABatchAndRejectsEachBadOneWithItsReason() {
        long before = storedEvents();
        JsonNode batch = batch("application/json", "[" + String.join(",",
                deployment("k-1-" + service, "1.0.0"),
                """
                        {"type":"deployment.recorded","idempotencyKey":"k-2-%s","data":{"service":"%s"}}"""
                        .formatted(service, service),
                """
                        {"type":"deployment.rebooted","idempotencyKey":"k-3-%s","data":{}}""".formatted(service),
                """
                        {"type":"access.requested","idempotencyKey":"k-4-%s","data":{"principal":"alice",
                         "system":"%s","role":"viewer","justification":"x","duration":"P7D"}}"""
                        .formatted(service, service),
                deployment("k-5-" + service, "1.0.1")) + "]");

        assertThat(statuses(batch)).containsExactly("RECORDED", "REJECTED", "REJECTED", "REJECTED", "RECORDED");
        JsonNode results = batch.get("results");
        assertThat(results.get(1).get("reason").asString())
                .isEqualTo("Invalid fields: data.actor, data.environment, data.version");
        assertThat(results.get(2).get("reason").asString()).startsWith("unknown type 'deployment.rebooted'");
        assertThat(results.get(3).get("reason").asString()).contains("exceeds the policy's maximum of PT8H");
        assertThat(batch.get("recorded").asInt()).isEqualTo(2);
        assertThat(batch.get("rejected").asInt()).isEqualTo(3);
        assertThat(storedEvents()).isEqualTo(before + 2);
    }

    @Test
    void answersARepeatedKeyAsADuplicateOfTheOriginalAndRecordsNothingMore() {
        String key = "delivery-" + service;
        JsonNode first = batch("application/json", "[" + deployment(key, "2.0.0") + "]");
        String original = first.get("results").get(0).get("id").asString();
        long before = storedEvents();

        JsonNode again = batch("application/json", "[" + deployment(key, "2.0.0") + "," + deployment(key, "2.0.0")
                + "]");

        assertThat(statuses(again)).containsExactly("DUPLICATE", "DUPLICATE");
        assertThat(again.get("results").get(0).get("id").asString()).isEqualTo(original);
        assertThat(storedEvents()).isEqualTo(before);
        JsonNode reused = batch("application/json", "[" + deployment(key, "2.0.1") + "]");
        assertThat(reused.get("results").get(0).get("reason").asString())
                .contains("was used before for a different event");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void answersAKeySentInTwoBatchesAtOnceAsRecordedInOneAndDuplicateInTheOther() throws Exception {
        // each batch has an item of its own too, so that it is stored in a transaction of several
        race(true);
    }

    @Test
    void answersAKeySentAloneInTwoRequestsAtOnceAsRecordedInOneAndDuplicateInTheOther() throws Exception {
        race(false);
    }

    private void race(boolean withItemsOfTheirOwn) throws Exception {
        long perDeployment = -storedEvents();
        batch("application/json", "[" + deployment("alone-" + service, "0.0.1") + "]");
        perDeployment += storedEvents();
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String shared = deployment("race-" + round + "-" + service, "3.0." + round);
                long before = storedEvents();
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<JsonNode>> answers = new ArrayList<>();
                for (String own : List.of("a", "b")) {
                    String body = withItemsOfTheirOwn
                            ? "[" + deployment("own-" + own + round + "-" + service, "4." + own + "." + round) + ","
                                    + shared + "]"
                            : "[" + shared + "]";
                    answers.add(senders.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return batch("application/json", body);
                    }));
                }
                List<String> racing = new ArrayList<>();
                List<String> racingIds = new ArrayList<>();
                for (Future<JsonNode> answer : answers) {
                    JsonNode results = answer.get(60, TimeUnit.SECONDS).get("results");
                    JsonNode result = results.get(results.size() - 1);
                    racing.add(result.get("status").asString());
                    racingIds.add(result.path("id").asString());
                    if (withItemsOfTheirOwn) {
                        assertThat(results.get(0).get("status").asString()).as("round %d", round)
                                .isEqualTo("RECORDED");
                    }
                }

                assertThat(racing).as("round %d", round).containsExactlyInAnyOrder("RECORDED", "DUPLICATE");
                assertThat(racingIds.get(0)).as("round %d", round).isEqualTo(racingIds.get(1));
                assertThat(storedEvents() - before).as("round %d", round)
                        .isEqualTo((withItemsOfTheirOwn ? 3 : 1) * perDeployment);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void keepsNoKeyOfARejectedItemSoThatItCanBeSentAgain() {
        String key = "retry-" + service;
        String tooLong = """
                {"type":"access.requested","idempotencyKey":"%s","data":{"principal":"alice","system":"%s",
                 "role":"viewer","justification":"x","duration":"%s"}}""";
        assertThat(statuses(batch("application/json", "[" + tooLong.formatted(key, service, "P7D") + "]")))
                .containsExactly("REJECTED");
        assertThat(statuses(batch("application/json", "[" + tooLong.formatted(key, service, "PT2H") + "]")))
                .containsExactly("RECORDED");
    }

    @Test
    void readsNdjsonAndRejectsOnlyTheLineThatIsNotJson() {
        long before = storedEvents();
        JsonNode batch = batch("application/x-ndjson", deployment("n-1-" + service, "3.0.0") + "\n{not json\n"
                + deployment("n-2-" + service, "3.0.1") + "\n");

        assertThat(statuses(batch)).containsExactly("RECORDED", "REJECTED", "RECORDED");
        assertThat(storedEvents()).isEqualTo(before + 2);
    }

    @Test
    void rejectsTheLineWithAFieldGivenTwiceOrNestedTooDeepAndRecordsTheOthers() {
        long before = storedEvents();
        String twice = deployment("t-1-" + service, "4.0.0").replace("\"version\":\"4.0.0\"",
                "\"version\":\"4.0.0\",\"version\":\"9.9.9\"");
        String deep = deployment("t-2-" + service, "4.0.1").replace("\"actor\":\"deploy-bot\"",
                "\"actor\":\"deploy-bot\",\"extra\":" + "[".repeat(150) + "]".repeat(150));
        JsonNode batch = batch("application/x-ndjson", twice + "\n" + deep + "\n"
                + deployment("t-3-" + service, "4.0.2") + "\n");

        assertThat(statuses(batch)).containsExactly("REJECTED", "REJECTED", "RECORDED");
        assertThat(storedEvents()).isEqualTo(before + 1);
        assertThat(postBatch("application/json", "[" + twice + "]").getStatusCode().value())
                .as("a JSON array with a field given twice is not JSON this ledger reads").isEqualTo(400);
    }

    @Test
    void refusesAnOversizeBatchAsAWholeAndRecordsNothing() {
        long before = storedEvents();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            items.add("{\"type\":\"deployment.recorded\",\"idempotencyKey\":\"o-" + i + "\",\"data\":{}}");
        }
        ResponseEntity<String> tooMany = postBatch("application/json", "[" + String.join(",", items) + "]");
        assertThat(tooMany.getStatusCode().value()).isEqualTo(413);
        assertThat(tooMany.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        ResponseEntity<String> tooBig = postBatch("application/json", "[" + deployment("big-" + service,
                "x".repeat(5_000)) + "]");
        assertThat(tooBig.getStatusCode().value()).isEqualTo(413);
        assertThat(postBatch("application/json", "{\"type\":\"deployment.recorded\"}").getStatusCode().value())
                .isEqualTo(400);
        assertThat(postBatch("application/json", "[{not json").getStatusCode().value()).isEqualTo(400);
        assertThat(storedEvents()).isEqualTo(before);
    }

    private String report(String key, String version, String evidenceUrl) {
        return report(key, version, "COMPLETED", null, evidenceUrl);
    }

    /** A deployment a tool reports; the source system and the evidence are left out when null. */
    private String report(String key, String version, String outcome, String sourceSystem, String evidenceUrl) {
        return """
                {"type":"change.reported","idempotencyKey":"%s","data":{"details":{"kind":"DEPLOYMENT",
                 "version":"%s"},"service":"%s","environment":"staging","actor":"deploy-bot",
                 "outcome":"%s"%s%s}}""".formatted(key, version, service, outcome,
                sourceSystem == null ? "" : ",\"sourceSystem\":\"" + sourceSystem + "\"",
                evidenceUrl == null ? ""
                        : ",\"evidence\":[{\"type\":\"CI_RUN\",\"url\":\"" + evidenceUrl + "\"}]").replace("\n", "");
    }

    @Test
    void recordsOneChangeWhenTwoToolsReportTheSameDeployment() {
        String other = registerSource(uniqueSourceName("github"), "API", "");
        String first = batch("application/json", "[" + report("a-" + service, "4.2.0", null) + "]")
                .get("results").get(0).get("id").asString();

        JsonNode second = JSON.readTree(postBatch(other, "application/json", "[" + report("b-" + service, "4.2.0",
                "https://github.com/acme/shop/actions/runs/7") + "]").getBody()).get("results").get(0);

        assertThat(second.get("status").asString()).isEqualTo("RECORDED");
        assertThat(second.get("id").asString()).isEqualTo(first);
        assertThat(second.get("existing").asBoolean()).isTrue();
        assertThat(eventTypes(first)).containsExactly("ChangeRecorded", "EvidenceAttached");
    }

    @Test
    void attachesEvidenceToTheChangeItsCorrelationKeyFinds() {
        String changeId = batch("application/json", "[" + report("c-" + service, "5.0.0", null) + "]")
                .get("results").get(0).get("id").asString();
        String evidence = """
                {"type":"evidence.attached","idempotencyKey":"%s","data":{"correlationKey":"%s",
                 "evidence":{"type":"PULL_REQUEST","url":"https://github.com/acme/shop/pull/9"},
                 "attachedBy":"github"}}""";

        JsonNode results = batch("application/json", "[" + String.join(",",
                evidence.formatted("e-1-" + service, service + "/staging/5.0.0"),
                evidence.formatted("e-2-" + service, service + "/staging/9.9.9")) + "]").get("results");

        assertThat(results.get(0).get("id").asString()).isEqualTo(changeId);
        assertThat(results.get(1).get("rejection").asString()).isEqualTo("CONFLICT");
        assertThat(results.get(1).get("reason").asString()).contains("No change on the ledger");
        assertThat(eventTypes(changeId)).containsExactly("ChangeRecorded", "EvidenceAttached");
    }

    @Test
    void refusesEvidenceFromASourceLimitedToSomeSystems() {
        String scoped = registerSource(uniqueSourceName("scoped"), "API",
                "\"scope\":{\"systems\":[\"" + service + "\"]}");

        JsonNode result = JSON.readTree(postBatch(scoped, "application/json", """
                [{"type":"evidence.attached","idempotencyKey":"e-%s","data":{"changeId":"%s",
                 "evidence":{"type":"OTHER","url":"https://example.com"},"attachedBy":"x"}}]"""
                .formatted(service, UUID.randomUUID())).getBody()).get("results").get(0);

        assertThat(result.get("rejection").asString()).isEqualTo("OUT_OF_SCOPE");
    }

    @Test
    void reportsAndResolvesAnIncident() {
        JsonNode results = batch("application/json", "[" + String.join(",", """
                {"type":"incident.reported","idempotencyKey":"i-1-%s","data":{"incidentId":"PD-%s",
                 "service":"%s","environment":"production","summary":"5xx above 5%%","reportedBy":"pagerduty",
                 "occurredAt":"2026-11-26T10:00:00Z"}}""".formatted(service, service, service), """
                {"type":"incident.resolved","idempotencyKey":"i-2-%s","data":{"incidentId":"PD-%s",
                 "resolvedBy":"dave","occurredAt":"2026-11-26T10:30:00Z"}}""".formatted(service, service))
                + "]").get("results");

        assertThat(results.get(0).get("status").asString()).isEqualTo("RECORDED");
        String incidentId = results.get(0).get("id").asString();
        assertThat(results.get(1).get("id").asString()).isEqualTo(incidentId);
        assertThat(eventTypes(incidentId)).containsExactly("IncidentReported", "IncidentResolved");
    }

    /**
     * The items of a batch share a transaction; an Axon command failing in it (here: evidence for a change that does
     * not exist) rolls all of it back, and then each item is recorded on its own: the good ones once each, the bad
     * one rejected with nothing of it kept, a repeated key of the batch still a duplicate.
     */
    @Test
    void recordsEachGoodItemOnceWhenACommandFailsInTheBatchsTransaction(CapturedOutput output) {
        long before = storedEvents();
        String missing = UUID.randomUUID().toString();
        JsonNode batch = batch("application/json", "[" + String.join(",",
                deployment("t-1-" + service, "6.0.0"),
                deployment("t-2-" + service, "6.0.1"),
                """
                        {"type":"evidence.attached","idempotencyKey":"t-3-%s","data":{"changeId":"%s",
                         "evidence":{"type":"OTHER","url":"https://example.com"},"attachedBy":"x"}}"""
                        .formatted(service, missing).replace("\n", ""),
                deployment("t-1-" + service, "6.0.0"),
                deployment("t-5-" + service, "6.0.2")) + "]");

        assertThat(statuses(batch)).containsExactly("RECORDED", "RECORDED", "REJECTED", "DUPLICATE", "RECORDED");
        JsonNode results = batch.get("results");
        assertThat(results.get(2).get("reason").asString()).contains(missing);
        assertThat(results.get(3).get("id").asString()).isEqualTo(results.get(0).get("id").asString());
        for (int i : new int[] {0, 1, 4}) {
            assertThat(eventTypes(results.get(i).get("id").asString())).containsExactly("ChangeRecorded");
        }
        assertThat(output.getOut()).contains(FELL_BACK.formatted(5));
        assertThat(storedEvents()).isEqualTo(before + 3);
        assertThat(jdbc.sql("select idempotency_key from command.ingest_key where source = ? order by 1")
                .param(source).query(String.class).list())
                .containsExactly("t-1-" + service, "t-2-" + service, "t-5-" + service);
    }

    /**
     * A key new to the ledger given twice in one batch: the first item records, the second is its duplicate and the
     * third, a different event under the key, is refused, all in the batch's own transaction.
     */
    @Test
    void answersAKeyGivenTwiceInOneBatchAsADuplicateOfItsFirstItem(CapturedOutput output) {
        long before = storedEvents();
        String key = "twice-" + service;
        JsonNode batch = batch("application/json", "[" + String.join(",", deployment(key, "8.0.0"),
                deployment(key, "8.0.0"), deployment(key, "8.0.1"), deployment("once-" + service, "8.0.2")) + "]");

        assertThat(statuses(batch)).containsExactly("RECORDED", "DUPLICATE", "REJECTED", "RECORDED");
        JsonNode results = batch.get("results");
        String original = results.get(0).get("id").asString();
        assertThat(results.get(1).get("id").asString()).isEqualTo(original);
        assertThat(results.get(2).get("reason").asString()).contains("was used before for a different event");
        assertThat(storedEvents()).isEqualTo(before + 2);
        assertThat(jdbc.sql("select ledger_id from command.ingest_key where source = ? and idempotency_key = ?")
                .params(source, key).query(String.class).single()).isEqualTo(original);
        assertThat(output.getOut()).doesNotContain(FELL_BACK.formatted(4));
    }

    /**
     * Posts two reports as one batch and checks that the second landed on the change of the first, in the batch's
     * own transaction.
     *
     * @return the batch's results
     */
    private JsonNode twoReportsOfOneChange(CapturedOutput output, String first, String second) {
        JsonNode results = batch("application/json", "[" + first + "," + second + "]").get("results");
        assertThat(results.get(1).get("id").asString()).as(results.toString())
                .isEqualTo(results.get(0).get("id").asString());
        assertThat(output.getOut()).doesNotContain(FELL_BACK.formatted(2));
        return results;
    }

    /** Two tools report one deployment in one batch: the second report finds the change the first made. */
    @Test
    void aSecondToolsReportInTheSameBatchLandsOnTheChangeTheFirstReported(CapturedOutput output) {
        JsonNode results = twoReportsOfOneChange(output,
                report("s-1-" + service, "9.0.0", "COMPLETED", "argocd", null),
                report("s-2-" + service, "9.0.0", "COMPLETED", "github", null));

        assertThat(results.get(1).get("existing").asBoolean()).isTrue();
        assertThat(jdbc.sql("select count(*) from command.change_lookup where service = ?").param(service)
                .query(Long.class).single()).isEqualTo(1);
    }

    /** A change opened and closed in one batch is closed in the command side's lookup, not left open. */
    @Test
    void aChangeStartedAndCompletedInOneBatchIsClosedInTheLookup(CapturedOutput output) {
        String changeId = twoReportsOfOneChange(output,
                report("o-1-" + service, "9.1.0", "STARTED", "argocd", null),
                report("o-2-" + service, "9.1.0", "COMPLETED", "argocd", null)).get(0).get("id").asString();

        assertThat(eventTypes(changeId)).containsExactly("ChangeRecorded", "ChangeCompleted");
        assertThat(jdbc.sql("select status from command.change_lookup where change_id = ?").param(changeId)
                .query(String.class).single()).isEqualTo("COMPLETED");
    }

    /** A report finds the open change an earlier item of its batch planned, though both are still uncommitted. */
    @Test
    void aReportLandsOnTheChangeAnEarlierItemOfTheSameBatchPlanned(CapturedOutput output) {
        String key = "release-" + service;
        // a report before, so that the open changes are in memory rather than read in the batch's transaction
        batch("application/json", "[" + report("p-0-" + service, "6.9.0", null) + "]");
        JsonNode results = batch("application/json", "[" + String.join(",", """
                {"type":"change.requested","idempotencyKey":"p-1-%s","data":{"details":{"kind":"DEPLOYMENT",
                 "version":"7.0.0"},"service":"%s","environment":"staging","requester":"alice","risk":"LOW",
                 "correlationKey":"%s","sourceSystem":"jira"}}""".formatted(service, service, key), """
                {"type":"change.reported","idempotencyKey":"p-2-%s","data":{"details":{"kind":"DEPLOYMENT",
                 "version":"7.0.0"},"service":"%s","environment":"staging","actor":"deploy-bot",
                 "correlationKey":"%s","outcome":"COMPLETED","sourceSystem":"jira"}}""".formatted(service, service, key)).replace("\n", "")
                + "]").get("results");

        assertThat(results.get(0).get("status").asString()).as(results.toString()).isEqualTo("RECORDED");
        String changeId = results.get(0).get("id").asString();
        assertThat(results.get(1).get("id").asString()).as(results.toString()).isEqualTo(changeId);
        assertThat(results.get(1).get("existing").asBoolean()).isTrue();
        assertThat(eventTypes(changeId)).startsWith("ChangeRequested").contains("ChangeCompleted");
        // found in the batch's own transaction, not only when each item was recorded again on its own
        assertThat(output.getOut()).doesNotContain(FELL_BACK.formatted(2));
    }

    private static final String FELL_BACK = "A transaction of %d ingested items failed";

    @Test
    void looksUpIdempotencyKeysByTheIndexAfterTheTableGrewUnderAPlanMadeWhileItWasEmpty() {
        List<JsonNode> plan = new StalePlans(jdbc, transaction, "command").planAfterGrowth(List.of("ingest_key"),
                IngestKeys.FIND, List.of("text[]", "text[]"), List.of("array['s', 's']", "array['k1', 'k2']"), """
                        insert into ingest_key (source, idempotency_key, item_type, fingerprint, ledger_id)
                        select 's', 'key-' || n, 'deployment.recorded', md5(n::text), n::text
                        from generate_series(1, 20000) n""");

        assertThat(StalePlans.scansAll(plan, "ingest_key")).as("a sequential scan of the keys: %s", plan).isFalse();
        assertThat(plan).anyMatch(node -> node.get("Node Type").asString().equals("Index Scan"));
    }
}
