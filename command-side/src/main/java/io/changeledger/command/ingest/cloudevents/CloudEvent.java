package io.changeledger.command.ingest.cloudevents;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import static io.changeledger.command.ingest.cloudevents.Attributes.clip;

/**
 * A CloudEvent (CloudEvents 1.0.2), whichever format and binding it came in; one that exists is a valid one.
 * Attribute names are the specification's.
 *
 * @param source          a URI-reference, kept as sent: it is half of the idempotency key
 * @param time            as sent, offset included
 * @param datacontenttype absent, the data is JSON as the JSON format's data member and the bindings assume
 * @param dataschema      an absolute URI
 * @param data            the data as JSON when {@link #datacontenttype} is JSON (data_base64 and binary-mode bodies
 *                        decoded and parsed); otherwise a string node for text sent in the JSON format's {@code data}
 *                        member, or a binary node for bytes, among them data_base64 without datacontenttype; null
 *                        when the event has none
 * @param extensions      extension attributes by name, sorted, each in its canonical string form (the JSON
 *                        format's booleans and integers as {@code true} and {@code 42})
 */
public record CloudEvent(String specversion, String id, String source, String type, String subject,
                         OffsetDateTime time, String datacontenttype, String dataschema, JsonNode data,
                         Map<String, String> extensions) {

    public static final String SPECVERSION = "1.0";

    public CloudEvent {
        if (specversion == null) {
            throw required(Attributes.SPECVERSION);
        }
        if (!specversion.equals(SPECVERSION)) {
            throw new CloudEventException(Attributes.SPECVERSION, "specversion '" + clip(specversion) + "' is not"
                    + " supported: the ledger reads CloudEvents " + SPECVERSION);
        }
        requireText(Attributes.ID, id);
        requireText(Attributes.SOURCE, source);
        Attributes.uriReference(Attributes.SOURCE, source);
        requireText(Attributes.TYPE, type);
        if (subject != null) {
            requireText(Attributes.SUBJECT, subject);
        }
        if (datacontenttype != null) {
            Attributes.mediaType(Attributes.DATACONTENTTYPE, datacontenttype);
        }
        if (dataschema != null) {
            requireText(Attributes.DATASCHEMA, dataschema);
            URI uri = Attributes.uriReference(Attributes.DATASCHEMA, dataschema);
            if (!uri.isAbsolute()) {
                throw new CloudEventException(Attributes.DATASCHEMA, "dataschema '" + clip(dataschema) + "' must be"
                        + " an absolute URI");
            }
        }
        if (data != null && data.isNull()) {
            // the JSON format: a null member is an absent one
            data = null;
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        if (extensions != null) {
            extensions.forEach((name, value) -> {
                Attributes.name(name, "extension");
                if (Attributes.CONTEXT.contains(name) || Attributes.DATA.contains(name)) {
                    throw new CloudEventException(name, "'" + name + "' is a context attribute or the data, not an"
                            + " extension");
                }
                if (value == null) {
                    throw new CloudEventException(name, "extension " + name + " has no value; leave it out instead");
                }
                sorted.put(name, Attributes.string(name, value));
            });
        }
        extensions = Collections.unmodifiableSortedMap(sorted);
    }

    /** @return the extension's value, or null when the event does not have it */
    public String extension(String name) {
        return extensions.get(name);
    }

    /** Whether {@link #data} is JSON; false when the event has none. */
    public boolean hasJsonData() {
        return data != null && !data.isBinary() && Attributes.isJson(datacontenttype);
    }

    /** Why the data is not JSON, for a reason that ends "…, and a CDEvent is JSON". */
    String notJson() {
        return datacontenttype == null ? "the data is bytes of no stated type (data_base64 without datacontenttype)"
                : "datacontenttype " + clip(datacontenttype) + " is not JSON";
    }

    CloudEvent withExtension(String name, String value) {
        Map<String, String> more = new TreeMap<>(extensions);
        more.put(name, value);
        return new CloudEvent(specversion, id, source, type, subject, time, datacontenttype, dataschema, data, more);
    }

    private static void requireText(String attribute, String value) {
        if (value == null) {
            throw required(attribute);
        }
        if (value.isEmpty()) {
            throw new CloudEventException(attribute, attribute + " must not be empty");
        }
        Attributes.string(attribute, value);
    }

    private static CloudEventException required(String attribute) {
        return new CloudEventException(attribute, attribute + " is required");
    }
}
