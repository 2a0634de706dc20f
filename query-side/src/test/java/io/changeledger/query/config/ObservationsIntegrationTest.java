package io.changeledger.query.config;

import io.changeledger.query.LedgerApiIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing reads metrics, so requests are not timed: filter by filter that cost more than the queries. */
class ObservationsIntegrationTest extends LedgerApiIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @Test
    void aRequestLeavesNoTimers() {
        assertThat(get("/api/v1/changes?size=1").getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(meters.find("http.server.requests").meters()).isEmpty();
        assertThat(meters.find("spring.security.filterchains").meters()).isEmpty();
        assertThat(meters.find("spring.security.authorizations").meters()).isEmpty();
    }
}
