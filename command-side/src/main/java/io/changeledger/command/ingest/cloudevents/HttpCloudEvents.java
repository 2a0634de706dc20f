package io.changeledger.command.ingest.cloudevents;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BinaryNode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CloudEvents HTTP protocol binding 1.0.2: structured mode ({@value #STRUCTURED}), batched mode
 * ({@value #BATCH}) and binary mode ({@code ce-} headers, the body as data). Header names are matched
 * case-insensitively, as HTTP has them.
 */
public final class HttpCloudEvents {

    public static final String STRUCTURED = "application/cloudevents+json";
    public static final String BATCH = "application/cloudevents-batch+json";
    private static final String PREFIX = "ce-";
    private static final String CONTENT_TYPE = "content-type";

    private HttpCloudEvents() {
    }

    /**
     * One event of a batch: read, or refused with its reason. A bad event never takes the good ones with it.
     *
     * @param index the event's position in the batch, from 0
     */
    public record Entry(int index, CloudEvent event, CloudEventException error) {

        public boolean ok() {
            return error == null;
        }
    }

    /** Whether the request is in batched mode, to be read by {@link #batch(byte[])}. */
    public static boolean batched(Map<String, ? extends Collection<String>> headers) {
        String contentType = header(headers, CONTENT_TYPE);
        return contentType != null && Attributes.base(contentType).equals(BATCH);
    }

    /**
     * Reads a request that holds one event, in structured or binary mode as its Content-Type says.
     *
     * @param headers the request's headers by name, in any case
     * @throws CloudEventException when the request is not one valid CloudEvent
     */
    public static CloudEvent single(Map<String, ? extends Collection<String>> headers, byte[] body) {
        String contentType = header(headers, CONTENT_TYPE);
        String base = contentType == null ? "" : Attributes.base(contentType);
        if (base.equals(STRUCTURED)) {
            return structured(body);
        }
        if (base.equals(BATCH)) {
            throw new CloudEventException("Content-Type", "the request is a batch (" + BATCH + "), not one event");
        }
        if (base.startsWith("application/cloudevents")) {
            throw new CloudEventException("Content-Type", "the event format " + Attributes.clip(base) + " is not"
                    + " supported: send " + STRUCTURED + ", " + BATCH + " or binary mode");
        }
        return binary(headers, body);
    }

    /**
     * Reads a batch: a JSON array of structured events, each answered on its own.
     *
     * @throws CloudEventException when the body as a whole is not a JSON array (a duplicate member anywhere in it
     *                             makes it invalid JSON)
     */
    public static List<Entry> batch(byte[] body) {
        JsonNode batch = JsonFormat.parse(body == null ? new byte[0] : body, "the body");
        if (!batch.isArray()) {
            throw new CloudEventException("a batch (" + BATCH + ") must be a JSON array of structured CloudEvents,"
                    + " not " + JsonFormat.kind(batch));
        }
        List<Entry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            try {
                entries.add(new Entry(i, JsonFormat.event(batch.get(i)), null));
            } catch (CloudEventException e) {
                entries.add(new Entry(i, null, e));
            }
        }
        return entries;
    }

    static CloudEvent structured(byte[] body) {
        return JsonFormat.event(body == null ? new byte[0] : body);
    }

    static CloudEvent binary(Map<String, ? extends Collection<String>> headers, byte[] body) {
        Map<String, String> attributes = new HashMap<>();
        for (Map.Entry<String, ? extends Collection<String>> header : headers.entrySet()) {
            String name = header.getKey() == null ? "" : header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String attribute = name.substring(PREFIX.length());
            Attributes.name(attribute, "header " + header.getKey() + ": the attribute");
            if (attribute.equals(Attributes.DATACONTENTTYPE)) {
                throw new CloudEventException(name, "in binary mode datacontenttype is the Content-Type header,"
                        + " not " + header.getKey());
            }
            if (Attributes.DATA.contains(attribute)) {
                throw new CloudEventException(name, "in binary mode the data is the body, not " + header.getKey());
            }
            String value = single(header.getKey(), header.getValue());
            if (value == null) {
                continue;
            }
            if (attributes.put(attribute, decode(name, value)) != null) {
                throw new CloudEventException(name, "the header " + name + " appears more than once");
            }
        }
        if (!attributes.containsKey(Attributes.SPECVERSION)) {
            throw new CloudEventException("ce-specversion", "the request is not a CloudEvent: it has no"
                    + " ce-specversion header (binary mode) and its Content-Type is not " + STRUCTURED);
        }
        String contentType = header(headers, CONTENT_TYPE);
        if (contentType != null) {
            attributes.put(Attributes.DATACONTENTTYPE, contentType);
        }
        return Attributes.event(attributes, data(contentType, body, "the body"));
    }

    /** Binary-mode data: JSON when the content type is JSON or absent, the bytes as they are otherwise. */
    static JsonNode data(String contentType, byte[] body, String what) {
        if (body == null || body.length == 0) {
            return null;
        }
        if (!Attributes.isJson(contentType)) {
            return BinaryNode.valueOf(body);
        }
        return JsonFormat.parse(body, what + (contentType == null ? ", which has no content type and so is JSON,"
                : ", whose content type is " + Attributes.clip(contentType) + ","));
    }

    /**
     * A header value as the binding wants it read: quoted strings (RFC 7230 section 3.2.6) unquoted first, for
     * senders of older versions of the binding, then one round of percent-decoding, whose bytes must be UTF-8.
     */
    static String decode(String header, String value) {
        StringBuilder unquoted = new StringBuilder(value.length());
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7F) {
                throw new CloudEventException(header, "the header " + header + String.format(" contains U+%04X at"
                        + " position %d: a header holds printable US-ASCII only, the rest percent-encoded", (int) c,
                        i));
            }
            if (quoted && c == '\\') {
                if (++i == value.length()) {
                    throw new CloudEventException(header, "the header " + header + " ends inside a quoted string");
                }
                char escaped = value.charAt(i);
                if ((escaped < 0x20 && escaped != '\t') || escaped >= 0x7F) {
                    throw new CloudEventException(header, "the header " + header + String.format(" contains U+%04X"
                            + " at position %d: a header holds printable US-ASCII only", (int) escaped, i));
                }
                unquoted.append(escaped);
            } else if (c == '"') {
                quoted = !quoted;
            } else {
                unquoted.append(c);
            }
        }
        if (quoted) {
            throw new CloudEventException(header, "the header " + header + " has a quoted string that is not closed");
        }
        return percentDecode(header, unquoted);
    }

    private static String percentDecode(String header, CharSequence value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '%') {
                bytes.write(c);
                continue;
            }
            int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
            if (low < 0) {
                throw new CloudEventException(header, "the header " + header + " has a % at position " + i
                        + " that two hexadecimal digits do not follow; a literal % is sent as %25");
            }
            bytes.write(high << 4 | low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new CloudEventException(header, "the header " + header + " percent-encodes bytes that are not"
                    + " UTF-8");
        }
    }

    /** The one value of a header, by name in any case; null when it is absent. */
    private static String header(Map<String, ? extends Collection<String>> headers, String name) {
        String found = null;
        for (Map.Entry<String, ? extends Collection<String>> header : headers.entrySet()) {
            if (header.getKey() != null && header.getKey().equalsIgnoreCase(name)) {
                String value = single(header.getKey(), header.getValue());
                if (value != null && found != null) {
                    throw new CloudEventException(name, "the header " + name + " appears more than once");
                }
                found = value == null ? found : value;
            }
        }
        return found;
    }

    private static String single(String name, Collection<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new CloudEventException(name.toLowerCase(Locale.ROOT), "the header " + name + " appears more than"
                    + " once");
        }
        return values.iterator().next();
    }
}
