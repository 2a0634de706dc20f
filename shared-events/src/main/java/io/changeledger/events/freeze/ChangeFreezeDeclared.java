package io.changeledger.events.freeze;

import io.changeledger.events.Require;
import io.changeledger.events.change.TimeWindow;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Changes to the scope are frozen during the window. An empty list of services or environments means all
 * of them.
 */
@Revision("1")
public record ChangeFreezeDeclared(
        String freezeId,
        Set<String> services,
        Set<String> environments,
        TimeWindow window,
        String reason,
        String declaredBy,
        Instant occurredAt) implements FreezeEvent {

    public ChangeFreezeDeclared {
        Require.text(freezeId, "freezeId");
        Objects.requireNonNull(window, "window");
        Require.text(reason, "reason");
        Require.text(declaredBy, "declaredBy");
        Objects.requireNonNull(occurredAt, "occurredAt");
        services = services == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(services));
        environments = environments == null ? Collections.emptySortedSet()
                : Collections.unmodifiableSortedSet(new TreeSet<>(environments));
    }

    /** Whether a change of this service in this environment at this moment falls under the freeze. */
    public boolean covers(String service, String environment, Instant at) {
        return window.contains(at)
                && (services.isEmpty() || services.contains(service))
                && (environments.isEmpty() || environments.contains(environment));
    }
}
