package io.changeledger.query.source;

import io.changeledger.events.source.SourceGapDetected;
import io.changeledger.query.LedgerApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static io.changeledger.query.source.SourceProjectionIntegrationTest.at;
import static io.changeledger.query.source.SourceProjectionIntegrationTest.registration;
import static org.assertj.core.api.Assertions.assertThat;

class SourceApiIntegrationTest extends LedgerApiIntegrationTest {

    @Test
    void listsSourcesByName() throws Exception {
        String prefix = "list-" + newId() + "-";
        for (String name : List.of("gitlab", "argo", "terraform")) {
            send(registration(prefix + name, at("2034-01-01T00:00:00Z")));
        }
        await("/api/v1/sources/" + prefix + "terraform", answer -> true);
        await("/api/v1/sources/" + prefix + "argo", answer -> true);
        await("/api/v1/sources/" + prefix + "gitlab", answer -> true);

        JsonNode all = ok("/api/v1/sources?size=500");

        assertThat(names(all).stream().filter(name -> name.startsWith(prefix)).toList())
                .containsExactly(prefix + "argo", prefix + "gitlab", prefix + "terraform");
        assertThat(all.get("totalItems").asLong()).isGreaterThanOrEqualTo(3);
        JsonNode second = ok("/api/v1/sources?page=1&size=1");
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(1);
        assertThat(names(second)).containsExactly(names(all).get(1));
    }

    @Test
    void listsGapsNewestFirstBySourceAndDetectionTime() throws Exception {
        String argo = "gaps-argo-" + newId();
        String github = "gaps-github-" + newId();
        send(registration(argo, at("2035-01-01T00:00:00Z")));
        send(new SourceGapDetected(argo, 10, 11, at("2035-01-10T00:00:00Z")));
        send(new SourceGapDetected(argo, 20, 25, at("2035-01-20T00:00:00Z")));
        send(new SourceGapDetected(argo, 30, 32, at("2035-01-30T00:00:00Z")));
        // gaps of a source the read model has never seen registered are listed too
        send(new SourceGapDetected(github, 7, 9, at("2035-01-15T00:00:00Z")));
        await("/api/v1/sources/" + argo, answer -> answer.get("gapCount").asLong() == 3);
        await("/api/v1/sources/gaps?source=" + github, answer -> answer.get("totalItems").asLong() == 1);

        JsonNode ofArgo = ok("/api/v1/sources/gaps?source=" + argo);
        assertThat(ofArgo.get("items").valueStream().map(gap -> gap.get("expectedSequence").asLong()))
                .containsExactly(30L, 20L, 10L);
        assertThat(ofArgo.get("totalItems").asLong()).isEqualTo(3);

        JsonNode january = ok("/api/v1/sources/gaps?from=2035-01-10T00:00:00Z&to=2035-01-30T00:00:00Z");
        assertThat(texts(january.get("items"), "source")).as("'from' inclusive, 'to' exclusive")
                .containsExactly(argo, github, argo);
        assertThat(january.get("items").valueStream().map(gap -> gap.get("missingCount").asLong()))
                .containsExactly(5L, 2L, 1L);

        JsonNode page = ok("/api/v1/sources/gaps?source=" + argo + "&page=1&size=2");
        assertThat(page.get("items").valueStream().map(gap -> gap.get("expectedSequence").asLong()))
                .containsExactly(10L);
        assertThat(page.get("totalItems").asLong()).isEqualTo(3);

        assertThat(ok("/api/v1/sources/" + argo).get("lastGapAt").asString()).isEqualTo("2035-01-30T00:00:00Z");
    }

    @Test
    void answersAnUnknownSourceWithNotFound() {
        String name = "nobody-" + newId();

        assertProblem("/api/v1/sources/" + name, HttpStatus.NOT_FOUND);
        assertThat(get("/api/v1/sources/" + name).getBody().get("title").asString()).isEqualTo("Source not found");
    }

    @Test
    void rejectsBadParametersWithAProblem() {
        for (String path : List.of(
                "/api/v1/sources?size=0",
                "/api/v1/sources?page=-1",
                "/api/v1/sources/gaps?from=2035-01-02T00:00:00Z&to=2035-01-01T00:00:00Z",
                "/api/v1/sources/gaps?from=yesterday",
                "/api/v1/sources/gaps?size=501")) {
            assertProblem(path, HttpStatus.BAD_REQUEST);
        }
    }

    private static List<String> names(JsonNode page) {
        return texts(page.get("items"), "name");
    }
}
