package io.changeledger.events;

import io.changeledger.events.access.AccessEvent;
import io.changeledger.events.access.AccessReviewEvent;
import io.changeledger.events.audit.AuditEvent;
import io.changeledger.events.change.ChangeEvent;
import io.changeledger.events.freeze.FreezeEvent;
import io.changeledger.events.incident.IncidentEvent;
import io.changeledger.events.source.SourceEvent;
import io.changeledger.events.token.ApiTokenEvent;
import org.axonframework.serialization.Revision;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of logical event types. The logical name is the record's simple name and is what
 * travels on the wire, so a Java package can move without breaking consumers; renaming a record
 * changes the contract and needs an upcaster.
 */
public final class EventTypes {

    /** The sealed interface of every event stream. */
    public static final List<Class<? extends LedgerEvent>> STREAMS = List.of(ChangeEvent.class, FreezeEvent.class,
            AccessEvent.class, AccessReviewEvent.class, SourceEvent.class, IncidentEvent.class, AuditEvent.class,
            ApiTokenEvent.class);

    private static final Map<String, EventType> BY_NAME;
    private static final Map<Class<?>, EventType> BY_CLASS;

    static {
        Map<String, EventType> byName = new LinkedHashMap<>();
        Map<Class<?>, EventType> byClass = new LinkedHashMap<>();
        Deque<Class<?>> pending = new ArrayDeque<>();
        pending.addAll(STREAMS);
        while (!pending.isEmpty()) {
            Class<?> type = pending.poll();
            if (type.isSealed()) {
                pending.addAll(List.of(type.getPermittedSubclasses()));
                continue;
            }
            Revision revision = type.getAnnotation(Revision.class);
            if (revision == null) {
                throw new IllegalStateException(type.getName() + " has no @Revision");
            }
            @SuppressWarnings("unchecked")
            EventType eventType = new EventType(type.getSimpleName(), revision.value(),
                    (Class<? extends LedgerEvent>) type);
            if (byName.putIfAbsent(eventType.name(), eventType) != null) {
                throw new IllegalStateException("two event types are named " + eventType.name());
            }
            byClass.put(type, eventType);
        }
        BY_NAME = Collections.unmodifiableMap(byName);
        BY_CLASS = Collections.unmodifiableMap(byClass);
    }

    private EventTypes() {
    }

    public static EventType of(Class<? extends LedgerEvent> javaType) {
        EventType type = BY_CLASS.get(javaType);
        if (type == null) {
            throw new IllegalArgumentException(javaType.getName() + " is not a ledger event");
        }
        return type;
    }

    public static Optional<EventType> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Collection<EventType> all() {
        return BY_NAME.values();
    }

    public record EventType(String name, String revision, Class<? extends LedgerEvent> javaType) {
    }
}
