package io.changeledger.command.config;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeOrderedIdsTest {

    @Test
    void makesVersion7UuidsThatCarryTheirMillisecond() {
        long millis = 1_796_601_600_123L;

        UUID id = TimeOrderedIds.at(millis);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        // the unix_ts_ms field is the first 12 hex digits of the text form (RFC 9562, section 5.7)
        assertThat(id.toString().replace("-", "").substring(0, 12)).isEqualTo("%012x".formatted(millis));
    }

    @Test
    void idsOfALaterMillisecondSortAfterEarlierOnesAsTextAndAsUuid() {
        UUID earlier = TimeOrderedIds.at(1_796_601_600_123L);
        UUID later = TimeOrderedIds.at(1_796_601_600_124L);

        assertThat(later.toString()).isGreaterThan(earlier.toString());
        // PostgreSQL's uuid type compares bytes as unsigned, as the text does; Java's UUID.compareTo would not
        assertThat(Long.compareUnsigned(later.getMostSignificantBits(), earlier.getMostSignificantBits()))
                .isPositive();
    }

    @Test
    void idsOfOneMillisecondDiffer() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedIds.at(1_796_601_600_123L));
        }

        assertThat(ids).hasSize(10_000);
    }

    @Test
    void refusesATimeTheFieldCannotHold() {
        assertThatThrownBy(() -> TimeOrderedIds.at(1L << 48)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeOrderedIds.at(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void axonMakesEventIdentifiersWithIt() {
        String identifier = IdentifierFactory.getInstance().generateIdentifier();

        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIds.class);
        assertThat(UUID.fromString(identifier).version()).isEqualTo(7);
    }
}
