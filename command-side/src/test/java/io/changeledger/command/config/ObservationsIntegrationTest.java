package io.changeledger.command.config;

import io.changeledger.command.HttpApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing reads metrics, so requests are not timed: filter by filter that cost the batch API CPU. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObservationsIntegrationTest extends HttpApiTest {

    @Autowired
    private MeterRegistry meters;

    @Test
    void aRequestLeavesNoTimers() {
        assertThat(post("/api/v1/changes/deployments", """
                {"service":"observed","environment":"staging","version":"1.0.0","actor":"alice"}""")
                .getStatusCode().value()).isEqualTo(201);

        assertThat(meters.find("http.server.requests").meters()).isEmpty();
        assertThat(meters.find("spring.security.filterchains").meters()).isEmpty();
        assertThat(meters.find("spring.security.authorizations").meters()).isEmpty();
    }
}
