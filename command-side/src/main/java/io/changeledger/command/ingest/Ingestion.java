package io.changeledger.command.ingest;

import io.changeledger.command.Recorded;
import io.changeledger.command.access.AccessIntake;
import io.changeledger.command.access.AccessRequests;
import io.changeledger.command.access.AccessRuleException;
import io.changeledger.command.audit.AuditIntake;
import io.changeledger.command.audit.AuditRequests;
import io.changeledger.command.token.TokenIntake;
import io.changeledger.command.change.ChangeIntake;
import io.changeledger.command.change.ChangeRequests;
import io.changeledger.command.change.ChangeRuleException;
import io.changeledger.command.config.DeferredAppends;
import io.changeledger.command.incident.IncidentIntake;
import io.changeledger.command.incident.IncidentRequests;
import io.changeledger.command.incident.IncidentRuleException;
import io.changeledger.command.source.Source;
import io.changeledger.command.source.SourceRegistry;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.ErrorResponseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Records ingested items. What one request or one poll of the ingest topic brought is stored in transactions of up
 * to {@value #CHUNK} items, each item with its idempotency key and the source's sequence number, their events
 * inserted together at the commit: that spares most of the commits (each waits for the disk) and statements. If
 * anything in such a transaction fails, all of it is rolled back and every item of it is recorded again in a
 * transaction of its own: an Axon command that fails inside a shared transaction rolls back more than its own events,
 * so only that way is a bad item rejected with its reason, leaving nothing behind, without taking a good one with it.
 * Every entry point ends here: the batch API, CloudEvents, webhooks and the ingest topic.
 */
@Component
public class Ingestion {

    private static final Logger log = LoggerFactory.getLogger(Ingestion.class);

    private final Map<String, Handler<?>> handlers = new LinkedHashMap<>();
    private final ChangeIntake changes;
    private final IngestKeys keys;
    private final SourceRegistry sources;
    private final TransactionOperations transaction;
    private final DeferredAppends appends;
    private final JsonMapper json;
    private final Validator validator;

    Ingestion(ChangeIntake changes, AccessIntake access, IncidentIntake incidents, AuditIntake audit,
              TokenIntake tokens, IngestKeys keys, SourceRegistry sources,
              TransactionOperations transaction, DeferredAppends appends, JsonMapper json, Validator validator) {
        this.changes = changes;
        this.keys = keys;
        this.sources = sources;
        this.transaction = transaction;
        this.appends = appends;
        this.json = json;
        this.validator = validator;
        handle("change.requested", ChangeRequests.RequestChange.class, ChangeRequests.RequestChange::service,
                changes::request);
        handle("change.reported", ChangeRequests.ReportChange.class, ChangeRequests.ReportChange::service,
                changes::report);
        handle("deployment.recorded", ChangeRequests.RecordDeployment.class,
                ChangeRequests.RecordDeployment::service, changes::recordDeployment);
        // evidence lands on a change found by id or correlation key, whose service only the change knows
        handle("evidence.attached", ChangeRequests.AttachEvidenceToChange.class, request -> ANY_SYSTEM,
                changes::attachEvidence);
        handle("access.requested", AccessRequests.RequestAccess.class, AccessRequests.RequestAccess::system,
                access::request);
        handle("access.break-glass", AccessRequests.BreakGlass.class, AccessRequests.BreakGlass::system,
                access::breakGlass);
        handle("access.standing.granted", AccessRequests.StandingAccess.class, AccessRequests.StandingAccess::system,
                access::standing);
        handle("access.standing.removed", AccessRequests.StandingAccessRemoval.class,
                AccessRequests.StandingAccessRemoval::system, access::removeStanding);
        handle("incident.reported", IncidentRequests.ReportIncident.class, IncidentRequests.ReportIncident::service,
                incidents::report);
        // the incident is the one this source system reported, and the report's service was checked then
        handle("incident.resolved", IncidentRequests.ResolveIncident.class, request -> null,
                incidents::resolve);
        // about no system: who read the ledger, which the query side reports
        handle(AUDITOR_QUERY, AuditRequests.RecordAuditorQuery.class, request -> null, audit::record);
        // about no system: who was given access to the query side, which the query side reports
        handle(TokenIntake.ISSUED, TokenIntake.Issued.class, request -> null, tokens::issued);
        handle(TokenIntake.FIRST_USED, TokenIntake.FirstUsed.class, request -> null, tokens::firstUsed);
        handle(TokenIntake.REVOKED, TokenIntake.Revoked.class, request -> null, tokens::revoked);
    }

    public Set<String> types() {
        return handlers.keySet();
    }

    /**
     * Records one item for a source that proved who it is.
     *
     * @param index the item's position in what the source sent, from 0, for the answer
     */
    public IngestResult ingest(Source source, int index, IngestItem item) {
        return ingestAll(List.of(new Sent(source, index, item))).get(0);
    }

    /** Records items, of one source or several, and answers for each in the same order. */
    public List<IngestResult> ingestAll(List<Sent> items) {
        IngestResult[] results = new IngestResult[items.size()];
        List<Checked<?>> checked = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Sent sent = items.get(i);
            Object outcome = check(sent.source(), sent.index(), sent.item());
            if (outcome instanceof IngestResult result) {
                results[i] = result;
            } else {
                checked.add(new Checked<>(i, (Prepared<?>) outcome));
            }
        }
        for (int from = 0; from < checked.size(); from += CHUNK) {
            List<Checked<?>> chunk = checked.subList(from, Math.min(checked.size(), from + CHUNK));
            List<IngestResult> stored = chunk.size() > 1 ? together(chunk) : null;
            for (int i = 0; i < chunk.size(); i++) {
                results[chunk.get(i).position()] = stored != null ? stored.get(i) : chunk.get(i).prepared().alone();
            }
        }
        return Arrays.asList(results);
    }

    /**
     * The events of the whole transaction are inserted at its commit: a conflict there rolls back all of it, as a
     * refused item does.
     *
     * @return every item's result if all of them were stored in one transaction, else null and nothing stored
     */
    private List<IngestResult> together(List<Checked<?>> chunk) {
        try {
            return transaction.execute(status -> {
                appends.untilCommit();
                return store(chunk.stream().<Prepared<?>>map(Checked::prepared).toList());
            });
        } catch (RuntimeException e) {
            log.debug("A transaction of {} ingested items failed; each is recorded on its own: {}", chunk.size(),
                    e.toString());
            return null;
        }
    }

    /**
     * Stores the items in the caller's transaction, in order; a rule that refuses one throws. An item whose key was
     * recorded before, or by an item before it here, is answered as a duplicate of what that key recorded. A key
     * that another transaction recorded meanwhile throws {@link KeyTakenMeanwhile}: what this one recorded under it
     * must be rolled back.
     */
    private List<IngestResult> store(List<Prepared<?>> items) {
        Map<IngestKeys.Key, IngestKeys.Claimed> recordedBefore = keys.find(items.stream().map(Prepared::key)
                .toList());
        changes.expect(items.stream().filter(item -> !recordedBefore.containsKey(item.key()))
                .map(item -> item.request).toList());
        Map<IngestKeys.Key, IngestKeys.Recorded> recordedHere = new HashMap<>();
        List<IngestResult> results = new ArrayList<>(items.size());
        for (Prepared<?> item : items) {
            IngestKeys.Recorded here = recordedHere.get(item.key());
            IngestKeys.Claimed earlier = recordedBefore.getOrDefault(item.key(), here == null ? null : here.claimed());
            IngestResult result = item.store(earlier);
            if (earlier == null) {
                recordedHere.put(item.key(), new IngestKeys.Recorded(item.item.type(), item.fingerprint, result.id()));
            }
            results.add(result);
        }
        Set<IngestKeys.Key> taken = keys.keep(recordedHere);
        if (!taken.isEmpty()) {
            throw new KeyTakenMeanwhile(taken.size());
        }
        return results;
    }

    /** Another transaction recorded an item under a key this one recorded too, after this one looked. */
    private static final class KeyTakenMeanwhile extends RuntimeException {

        KeyTakenMeanwhile(int keys) {
            super(keys + " idempotency key(s) recorded by another transaction meanwhile", null, false, false);
        }
    }

    /** @return the item's result if it is rejected before touching the ledger, else what will store it */
    private Object check(Source source, int index, IngestItem item) {
        String type = item.type();
        String key = item.idempotencyKey();
        if (key == null || key.isBlank() || key.length() > 500) {
            return IngestResult.rejected(index, "idempotencyKey is required (at most 500 characters)");
        }
        Handler<?> handler = type == null ? null : handlers.get(type);
        if (handler == null) {
            return IngestResult.rejected(index, "unknown type '" + type + "': expected one of "
                    + String.join(", ", handlers.keySet()));
        }
        if (!source.scope().allowsType(type)) {
            return IngestResult.outOfScope(index, "source '" + source.name() + "' may not report " + type);
        }
        // a tool allowed every type must not be able to write, or forge, the ledger's own audit trail
        if (NAMED_ONLY.contains(type) && !source.scope().types().contains(type)) {
            return IngestResult.outOfScope(index, "source '" + source.name() + "' may report " + type
                    + " only if its scope names that type");
        }
        if (item.data() == null || !item.data().isObject()) {
            return IngestResult.rejected(index, "data must be a JSON object");
        }
        if (item.sequence() != null && item.sequence() < 0) {
            return IngestResult.rejected(index, "sequence must not be negative");
        }
        return handler.check(index, source, item);
    }

    /** An item of a request or poll, with the source that sent it. */
    public record Sent(Source source, int index, IngestItem item) {
    }

    private record Checked<T>(int position, Prepared<T> prepared) {
    }

    /** Items a transaction stores at most: enough to spare most commits, few enough to keep locks and retries short. */
    static final int CHUNK = 100;

    private <T> void handle(String type, Class<T> dataType, Function<T, String> system,
                            Function<T, Recorded> recording) {
        boolean sourceSystem = Arrays.stream(dataType.getRecordComponents())
                .anyMatch(component -> component.getName().equals(SOURCE_SYSTEM));
        handlers.put(type, new Handler<>(dataType, sourceSystem, system, recording));
    }

    private static final String SOURCE_SYSTEM = "sourceSystem";
    static final String AUDITOR_QUERY = "auditor.query";
    /** The types of the query side's own source, which a scope allowing every type does not allow. */
    public static final Set<String> NAMED_ONLY = Set.of(AUDITOR_QUERY, TokenIntake.ISSUED, TokenIntake.FIRST_USED,
            TokenIntake.REVOKED);
    /** What an item may be about when its system is known only later: only a source allowed every system. */
    private static final String ANY_SYSTEM = "*";

    private final class Handler<T> {

        private final Class<T> dataType;
        private final boolean hasSourceSystem;
        private final Function<T, String> system;
        private final Function<T, Recorded> recording;

        Handler(Class<T> dataType, boolean hasSourceSystem, Function<T, String> system,
                Function<T, Recorded> recording) {
            this.dataType = dataType;
            this.hasSourceSystem = hasSourceSystem;
            this.system = system;
            this.recording = recording;
        }

        /** @return the item's result if it is rejected before touching the ledger, else what will store it */
        Object check(int index, Source source, IngestItem item) {
            JsonNode data = item.data();
            // what a tool reports without naming itself came from the source that sent it
            if (hasSourceSystem && !data.hasNonNull(SOURCE_SYSTEM)) {
                data = ((ObjectNode) data.deepCopy()).put(SOURCE_SYSTEM, source.name());
            }
            T request;
            try {
                request = json.treeToValue(data, dataType);
            } catch (DatabindException e) {
                String field = e.getPath().stream().map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[");
                return IngestResult.rejected(index, "invalid data" + (field.isEmpty() ? "" : ": " + field),
                        field.isEmpty() ? null : List.of(new IngestResult.FieldError("data." + field,
                                e.getOriginalMessage())));
            } catch (JacksonException e) {
                return IngestResult.rejected(index, "invalid data");
            }
            Set<ConstraintViolation<T>> violations = validator.validate(request);
            if (!violations.isEmpty()) {
                List<IngestResult.FieldError> errors = violations.stream()
                        .map(violation -> new IngestResult.FieldError("data." + violation.getPropertyPath(),
                                violation.getMessage()))
                        .sorted(Comparator.comparing(IngestResult.FieldError::field)).toList();
                return IngestResult.rejected(index, errors.stream().map(IngestResult.FieldError::field).distinct()
                        .collect(Collectors.joining(", ", "Invalid fields: ", "")), errors);
            }
            String about = system.apply(request);
            if (ANY_SYSTEM.equals(about) && !source.scope().systems().isEmpty()) {
                return IngestResult.outOfScope(index, "source '" + source.name() + "' may report about some"
                        + " systems only, and " + item.type() + " does not say which system it is about");
            }
            if (about != null && !ANY_SYSTEM.equals(about) && !source.scope().allowsSystem(about)) {
                return IngestResult.outOfScope(index, "source '" + source.name() + "' may not report about '"
                        + about + "'");
            }
            return new Prepared<>(this, index, source, item, request, fingerprint(item.type(), item.data()));
        }
    }

    /** A valid item in scope, ready to be stored. */
    private final class Prepared<T> {

        private final Handler<T> handler;
        private final int index;
        private final Source source;
        private final IngestItem item;
        private final T request;
        private final String fingerprint;

        Prepared(Handler<T> handler, int index, Source source, IngestItem item, T request, String fingerprint) {
            this.handler = handler;
            this.index = index;
            this.source = source;
            this.item = item;
            this.request = request;
            this.fingerprint = fingerprint;
        }

        IngestKeys.Key key() {
            return new IngestKeys.Key(source.name(), item.idempotencyKey());
        }

        /**
         * Records the item in the caller's transaction unless its key was claimed earlier; a rule that refuses it
         * throws.
         */
        IngestResult store(IngestKeys.Claimed earlier) {
            if (earlier != null) {
                if (!earlier.fingerprint().equals(fingerprint)) {
                    return IngestResult.conflict(index, "idempotency key '" + item.idempotencyKey()
                            + "' of source '" + source.name() + "' was used before for a different event");
                }
                return IngestResult.duplicate(index, earlier.ledgerId());
            }
            Recorded recorded = handler.recording.apply(request);
            if (item.sequence() != null) {
                sources.sequenced(source, item.sequence());
            }
            return IngestResult.recorded(index, recorded.id(), recorded.existing());
        }

        /** Stores the item in a transaction of its own, and answers a refusal with its reason. */
        IngestResult alone() {
            try {
                try {
                    return storeAlone();
                } catch (KeyTakenMeanwhile e) {
                    // the other transaction has committed the key by now: read again, and answer as a duplicate
                    return storeAlone();
                }
            } catch (ChangeRuleException | AccessRuleException | IncidentRuleException e) {
                return IngestResult.conflict(index, e.getMessage());
            } catch (IllegalArgumentException e) {
                return IngestResult.rejected(index, e.getMessage());
            } catch (AggregateNotFoundException e) {
                return IngestResult.rejected(index, "Nothing on the ledger has the id " + e.getAggregateIdentifier());
            } catch (ErrorResponseException e) {
                return IngestResult.rejected(index, e.getBody().getDetail());
            } catch (RuntimeException e) {
                log.error("Ingesting item {} of source {} failed; nothing of it was recorded", index, source.name(),
                        e);
                return IngestResult.unavailable(index, "the ledger could not record the item now; send it again");
            }
        }

        private IngestResult storeAlone() {
            return transaction.execute(status -> Ingestion.this.store(List.of(this))).get(0);
        }
    }

    private String fingerprint(String type, JsonNode data) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(type.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(json.writeValueAsBytes(data));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
