package io.changeledger.events;

import io.changeledger.events.change.DeploymentRecorded;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypesTest {

    @Test
    void namesEachEventByItsLogicalNameAndRevision() {
        assertThat(EventTypes.of(DeploymentRecorded.class))
                .isEqualTo(new EventTypes.EventType("DeploymentRecorded", "1", DeploymentRecorded.class));
        assertThat(EventTypes.named("DeploymentRecorded")).map(EventTypes.EventType::javaType)
                .contains(DeploymentRecorded.class);
    }

    @Test
    void keepsJavaClassNamesOffTheWire() {
        assertThat(EventTypes.all()).allSatisfy(type -> assertThat(type.name()).doesNotContain("."));
    }

    @Test
    void everyEventTypeHasAGoldenFixtureForItsRevision() {
        assertThat(EventTypes.all()).isNotEmpty().allSatisfy(type ->
                assertThat(GoldenRecord.exists(type.name() + "-" + type.revision()))
                        .as("golden fixture golden/%s-%s.json", type.name(), type.revision()).isTrue());
    }
}
