package io.changeledger.embedded;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void fallsBackToDefaultsRelativeToTheWorkingDirectory() {
        Settings settings = Settings.from(name -> null);

        assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(settings.commandPort()).isEqualTo(8080);
        assertThat(settings.queryPort()).isEqualTo(8081);
        assertThat(settings.postgresPort()).isEqualTo(15432);
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(9093);
        // run by Maven, the first class path entry is target/test-classes
        assertThat(settings.appsDir()).isEqualTo(Path.of("target", "apps").toAbsolutePath());
    }

    @Test
    void takesEachValueFromItsVariable() {
        Map<String, String> variables = Map.of(
                "CHANGELEDGER_DATA_DIR", "/var/lib/changeledger",
                "CHANGELEDGER_COMMAND_PORT", "18080",
                "CHANGELEDGER_QUERY_PORT", "18081",
                "CHANGELEDGER_POSTGRES_PORT", "25432",
                "CHANGELEDGER_KAFKA_PORT", "19092",
                "CHANGELEDGER_KAFKA_CONTROLLER_PORT", "19093",
                "CHANGELEDGER_APPS_DIR", "/opt/changeledger/apps");

        Settings settings = Settings.from(variables::get);

        assertThat(settings).isEqualTo(new Settings(Path.of("/var/lib/changeledger"), 18080, 18081, 25432, 19092, 19093,
                Path.of("/opt/changeledger/apps")));
        assertThat(settings.postgresDir()).isEqualTo(Path.of("/var/lib/changeledger/postgres"));
        assertThat(settings.kafkaDir()).isEqualTo(Path.of("/var/lib/changeledger/kafka"));
    }

    @Test
    void rejectsAPortThatIsNoNumber() {
        assertThatThrownBy(() -> Settings.from(Map.of("CHANGELEDGER_KAFKA_PORT", "kafka")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CHANGELEDGER_KAFKA_PORT");
    }
}
