package io.changeledger.query.report;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameworkMappingsTest {

    @Test
    void usesTheNewestVersionUnlessOneIsConfigured() {
        assertThat(new FrameworkMappings(new ReportProperties(null, 1000)).current()).isEqualTo("2026.1");
        assertThat(new FrameworkMappings(new ReportProperties("2025.1", 1000)).current()).isEqualTo("2025.1");
    }

    @Test
    void refusesToStartWithAConfiguredVersionItDoesNotHave() {
        assertThatThrownBy(() -> new FrameworkMappings(new ReportProperties("2024.1", 1000)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("2025.1, 2026.1");
    }

    @Test
    void mapsEveryCheckOfEveryReportInEveryVersion() {
        FrameworkMappings mappings = new FrameworkMappings(new ReportProperties(null, 1000));
        for (String version : mappings.versions()) {
            Stream.of(mappings.of(version, ChangeManagementQueries.REPORT, ChangeManagementQueries.CHECKS),
                            mappings.of(version, LogicalAccessQueries.REPORT, LogicalAccessQueries.CHECKS))
                    .forEach(mapping -> mapping.controls().forEach((check, controls) ->
                            assertThat(controls).as(version + " " + check).isNotEmpty()));
        }
    }

    @Test
    void keepsAnOldVersionsMappingAsItWas() {
        FrameworkMappings mappings = new FrameworkMappings(new ReportProperties(null, 1000));

        Mapping old = mappings.of("2025.1", ChangeManagementQueries.REPORT, ChangeManagementQueries.CHECKS);

        assertThat(old.version()).isEqualTo("2025.1");
        assertThat(old.controls().get("approvedBeforeDeployment")).containsExactly("SOC2 CC8.1",
                "ISO27001:2013 A.12.1.2", "ISO27001:2013 A.14.2.2", "SOX ITGC CM-02 change authorisation");
    }

    @Test
    void ordersVersionsByYearThenNumber() {
        List<String> versions = Stream.of("2026.10", "2025.1", "2026.9", "2026.1")
                .sorted(FrameworkMappings.VERSION_ORDER).toList();

        assertThat(versions).containsExactly("2025.1", "2026.1", "2026.9", "2026.10");
    }

    @Test
    void refusesAnUnknownVersionAskedForAsTheRequestsFault() {
        FrameworkMappings mappings = new FrameworkMappings(new ReportProperties(null, 1000));

        assertThat(mappings.resolve(null)).isEqualTo("2026.1");
        assertThat(mappings.resolve("2025.1")).isEqualTo("2025.1");
        assertThatThrownBy(() -> mappings.resolve("2026.2")).isInstanceOf(ErrorResponseException.class)
                .satisfies(e -> assertThat(((ErrorResponseException) e).getBody().getProperties())
                        .containsEntry("parameter", "mappingVersion"));
    }
}
