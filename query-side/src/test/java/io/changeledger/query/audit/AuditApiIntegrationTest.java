package io.changeledger.query.audit;

import io.changeledger.events.SampleEvents;
import io.changeledger.events.access.AccessRequested;
import io.changeledger.events.audit.AuditorQueryRecorded;
import io.changeledger.events.change.ChangeDetails;
import io.changeledger.events.change.ChangeOutcome;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Populations, samples and the auditor activity over a real PostgreSQL, fed through Kafka as in production. */
class AuditApiIntegrationTest extends LedgerApiIntegrationTest {

    private static final Instant MONDAY = Instant.parse("2026-10-05T08:00:00Z");

    /**
     * When the ledger recorded what happened at that moment: before the pinned "now" that samples and cursors are
     * known at by default, as it would be on the day; the real time of the run is after it.
     */
    private static Instant recordedSoonAfter(Instant at) {
        return at.plusSeconds(60);
    }

    /** Changes of a service of their own, an hour apart, two at each hour so that the id breaks the tie. */
    private List<String> changes(String service, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = newId();
            Instant at = MONDAY.plus(Duration.ofHours(i / 2));
            send(i % 3 == 0 ? recorded(id, new ChangeDetails.ConfigurationChange("flags/checkout", "r" + i,
                    "r" + (i + 1), null), service, "production",
                    ChangeOutcome.COMPLETED, false, at) : requested(id, service, "production", 1, at),
                    recordedSoonAfter(at));
            ids.add(id);
        }
        await("/api/v1/audit/populations/changes?service=" + service,
                page -> page.get("totalItems").asLong() == count);
        return ids;
    }

    @Test
    void pagesThroughAChangePopulationByOccurredAtAndIdWithoutGapsOrRepeats() throws Exception {
        String service = "pop-" + newId();
        List<String> created = changes(service, 7);

        List<String> seen = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok("/api/v1/audit/populations/changes?service=" + service + "&limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.get("totalItems").asLong()).isEqualTo(7);
            page.get("items").forEach(item -> {
                seen.add(item.get("changeId").asString());
                times.add(Instant.parse(item.get("occurredAt").asString()));
            });
            cursor = page.get("next").isNull() ? null : page.get("next").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
        assertThat(IntStream.range(1, seen.size()).allMatch(i -> times.get(i - 1).isBefore(times.get(i))
                || times.get(i - 1).equals(times.get(i)) && seen.get(i - 1).compareTo(seen.get(i)) < 0)).isTrue();
        assertThat(ok("/api/v1/audit/populations/changes?service=" + service + "&kind=CONFIGURATION_CHANGE")
                .get("totalItems").asLong()).isEqualTo(3);
        assertThat(ok("/api/v1/audit/populations/changes?service=" + service + "&from=" + MONDAY.plusSeconds(3600)
                + "&to=" + MONDAY.plusSeconds(3 * 3600)).get("totalItems").asLong()).isEqualTo(4);
    }

    @Test
    void refusesACursorItDidNotIssueNamingTheParameter() {
        var answer = get("/api/v1/audit/populations/changes?cursor=bm90LWEta2V5");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("parameter").asString()).isEqualTo("cursor");
        assertProblem("/api/v1/audit/samples/changes?size=0", HttpStatus.BAD_REQUEST);
        assertProblem("/api/v1/audit/evidence/changes/" + newId(), HttpStatus.NOT_FOUND);
    }

    @Test
    void drawsTheSameSampleForTheSameSeedWhichAnyoneCanRedrawFromThePopulationsIds() throws Exception {
        String service = "sample-" + newId();
        List<String> population = changes(service, 12);
        String path = "/api/v1/audit/samples/changes?service=" + service + "&size=5&seed=fy2026-q4";

        JsonNode sample = ok(path);
        JsonNode again = ok(path);

        assertThat(sample.get("seed").asString()).isEqualTo("fy2026-q4");
        assertThat(sample.get("seedGenerated").asBoolean()).isFalse();
        assertThat(sample.get("populationCount").asLong()).isEqualTo(12);
        assertThat(sample.get("method").asString()).startsWith("changeledger-sample/1");
        assertThat(sampled(again)).isEqualTo(sampled(sample)).hasSize(5);
        assertThat(sampled(sample)).isEqualTo(redraw("fy2026-q4", population, 5));
        assertThat(texts(sample.get("items"), "sampleKey").get(0))
                .isEqualTo(HexFormat.of().formatHex(SampleMethod.key("fy2026-q4", sampled(sample).get(0))));
        assertThat(sampled(ok("/api/v1/audit/samples/changes?service=" + service + "&size=5&seed=another")))
                .isEqualTo(redraw("another", population, 5));
        assertThat(sampled(ok("/api/v1/audit/samples/changes?service=" + service + "&size=50&seed=x")))
                .containsExactlyInAnyOrderElementsOf(population);
    }

    @Test
    void drawsASeedWhenNoneIsGivenAndRedrawsTheSameSampleAtTheSameKnownAtAfterLateChanges() throws Exception {
        String service = "late-" + newId();
        changes(service, 6);

        JsonNode first = ok("/api/v1/audit/samples/changes?service=" + service + "&size=3");
        String seed = first.get("seed").asString();
        String knownAt = first.get("knownAt").asString();
        String late = newId();
        send(requested(late, service, "production", 1, MONDAY), Instant.parse(knownAt).plusSeconds(1));
        await("/api/v1/audit/populations/changes?service=" + service, page -> page.get("totalItems").asLong() == 7);

        JsonNode redrawn = ok("/api/v1/audit/samples/changes?service=" + service + "&size=3&seed=" + seed
                + "&knownAt=" + knownAt);

        assertThat(first.get("seedGenerated").asBoolean()).isTrue();
        assertThat(seed).matches("[0-9a-f]{32}");
        assertThat(redrawn.get("seedGenerated").asBoolean()).isFalse();
        assertThat(redrawn.get("populationCount").asLong()).isEqualTo(6);
        assertThat(sampled(redrawn)).isEqualTo(sampled(first)).doesNotContain(late);
        assertThat(ok("/api/v1/audit/populations/changes?service=" + service + "&knownAt=" + knownAt)
                .get("totalItems").asLong()).isEqualTo(6);
    }

    @Test
    void pagesAndSamplesThePopulationOfGrantsOfAccess() throws Exception {
        String system = "grants-" + newId();
        List<String> grants = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String grantId = newId();
            send(new AccessRequested(grantId, "user-" + i, system, null, i == 0 ? "dba" : "viewer", i == 0, false,
                    "OPS-42", Duration.ofHours(1), null, null, "user-" + i, "api", SampleEvents.ACCESS_POLICY,
                    MONDAY.plusSeconds(i)), recordedSoonAfter(MONDAY.plusSeconds(i)));
            grants.add(grantId);
        }
        JsonNode page = await("/api/v1/audit/populations/grants?system=" + system + "&limit=3",
                answer -> answer.get("totalItems").asLong() == 4);

        assertThat(texts(page.get("items"), "grantId")).isEqualTo(grants.subList(0, 3));
        assertThat(ok("/api/v1/audit/populations/grants?system=" + system + "&cursor=" + page.get("next").asString())
                .get("items").get(0).get("grantId").asString()).isEqualTo(grants.get(3));
        assertThat(ok("/api/v1/audit/populations/grants?system=" + system + "&privileged=true").get("totalItems")
                .asLong()).isOne();
        assertThat(sampled(ok("/api/v1/audit/samples/grants?system=" + system + "&size=2&seed=s")))
                .isEqualTo(redraw("s", grants, 2));
    }

    @Test
    void listsTheRequestsOfAuditorsAsTheLedgerRecordedThem() throws Exception {
        String auditor = "auditor-" + newId();
        String first = newId();
        String second = newId();
        send(new AuditorQueryRecorded(first, auditor, false, "GET", "/api/v1/audit/populations/changes",
                "limit=2", 200, 2, 12, "10.0.4.17", "changeledger-query-side", MONDAY));
        send(new AuditorQueryRecorded(second, auditor, false, "GET", "/api/v1/ledger/dump", null, 200, null, 812,
                "10.0.4.17", "changeledger-query-side", MONDAY.plusSeconds(60)));

        JsonNode activity = await("/api/v1/audit/activity?auditor=" + auditor,
                page -> page.get("totalItems").asLong() == 2);

        assertThat(texts(activity.get("items"), "queryId")).containsExactly(first, second);
        assertThat(activity.get("items").get(0).get("rowCount").asInt()).isEqualTo(2);
        assertThat(activity.get("items").get(1).get("path").asString()).isEqualTo("/api/v1/ledger/dump");
        assertThat(ok("/api/v1/audit/activity?auditor=" + auditor + "&from=" + MONDAY.plusSeconds(1))
                .get("items")).hasSize(1);
    }

    @Test
    void describesTheWholeQueryApiIncludingTheAuditorEndpointsInOpenApi() {
        JsonNode description = ok("/v3/api-docs");

        assertThat(description.get("openapi").asString()).startsWith("3.");
        assertThat(description.get("paths").propertyNames()).contains(
                "/api/v1/audit/populations/changes", "/api/v1/audit/populations/grants",
                "/api/v1/audit/samples/changes", "/api/v1/audit/samples/grants",
                "/api/v1/audit/evidence/changes/{changeId}", "/api/v1/audit/evidence/grants/{grantId}",
                "/api/v1/audit/activity", "/api/v1/changes", "/api/v1/ledger/bundle", "/api/v1/access/matrix");
        assertThat(description.get("paths").get("/api/v1/audit/samples/changes").get("get").get("parameters"))
                .extracting(parameter -> parameter.get("name").asString()).contains("seed", "size", "knownAt");
    }

    private static List<String> sampled(JsonNode sample) {
        return texts(sample.get("items"), sample.get("items").get(0).has("changeId") ? "changeId" : "grantId");
    }

    /** The sample as the documented method draws it, from nothing but the seed and the ids. */
    private static List<String> redraw(String seed, List<String> ids, int size) {
        return ids.stream()
                .sorted(Comparator.comparing((String id) -> SampleMethod.key(seed, id), Arrays::compareUnsigned))
                .limit(size).toList();
    }
}
