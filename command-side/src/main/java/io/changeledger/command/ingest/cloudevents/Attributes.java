package io.changeledger.command.ingest.cloudevents;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CloudEvents 1.0.2 type system and naming rules, shared by every format and binding. */
final class Attributes {

    static final String SPECVERSION = "specversion";
    static final String ID = "id";
    static final String SOURCE = "source";
    static final String TYPE = "type";
    static final String SUBJECT = "subject";
    static final String TIME = "time";
    static final String DATACONTENTTYPE = "datacontenttype";
    static final String DATASCHEMA = "dataschema";
    static final Set<String> CONTEXT = Set.of(SPECVERSION, ID, SOURCE, TYPE, SUBJECT, TIME, DATACONTENTTYPE,
            DATASCHEMA);
    /** Members of the JSON format that are not attributes; no extension may take their names. */
    static final Set<String> DATA = Set.of("data", "data_base64");

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+");
    // RFC 3339 section 5.6: seconds are required, T and Z may be lower case, the fraction has any length
    private static final Pattern RFC3339 = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[Tt](\\d{2}:\\d{2}):(\\d{2})(?:\\.(\\d+))?([Zz]|[+-]\\d{2}:\\d{2})");
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN
            + "(?:[ \\t]*;[ \\t]*" + TOKEN + "=(?:" + TOKEN + "|\"(?:[^\"\\\\\\p{Cntrl}]|\\\\[^\\p{Cntrl}])*\"))*"
            + "[ \\t]*");

    private Attributes() {
    }

    /**
     * Builds an event from attributes as the bindings carry them, all as strings; validation beyond the time's
     * syntax is the event's own.
     */
    static CloudEvent event(Map<String, String> attributes, JsonNode data) {
        Map<String, String> extensions = new HashMap<>(attributes);
        CONTEXT.forEach(extensions::remove);
        String time = attributes.get(TIME);
        return new CloudEvent(attributes.get(SPECVERSION), attributes.get(ID), attributes.get(SOURCE),
                attributes.get(TYPE), attributes.get(SUBJECT), time == null ? null : timestamp(TIME, time),
                attributes.get(DATACONTENTTYPE), attributes.get(DATASCHEMA), data, extensions);
    }

    static void name(String name, String where) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new CloudEventException(name, where + " '" + clip(name) + "' is not a CloudEvents attribute name:"
                    + " names are lower-case letters a-z and digits 0-9 only");
        }
    }

    /**
     * The String type: no control characters, no unpaired surrogates, no Unicode noncharacters, which have no
     * agreed meaning and break the header-based bindings.
     */
    static String string(String attribute, String value) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
                throw new CloudEventException(attribute, "attribute " + attribute + " contains the control character"
                        + String.format(" U+%04X at position %d, which a CloudEvents String may not hold", c, i));
            }
            if (Character.isSurrogate((char) c) && Character.charCount(c) == 1) {
                throw new CloudEventException(attribute, "attribute " + attribute + " contains an unpaired surrogate"
                        + " at position " + i + ", which a CloudEvents String may not hold");
            }
            if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) {
                throw new CloudEventException(attribute, "attribute " + attribute + " contains the noncharacter"
                        + String.format(" U+%04X at position %d, which a CloudEvents String may not hold", c, i));
            }
            i += Character.charCount(c);
        }
        return value;
    }

    static OffsetDateTime timestamp(String attribute, String value) {
        Matcher parts = RFC3339.matcher(value);
        if (!parts.matches()) {
            throw new CloudEventException(attribute, attribute + " '" + clip(value) + "' is not an RFC 3339 timestamp"
                    + " such as 2018-04-05T17:31:00Z");
        }
        String fraction = parts.group(4) == null ? "" : "." + (parts.group(4).length() > 9
                ? parts.group(4).substring(0, 9) : parts.group(4));
        boolean leapSecond = parts.group(3).equals("60");
        String normalised = parts.group(1) + "T" + parts.group(2) + ":" + (leapSecond ? "59" : parts.group(3))
                + fraction + parts.group(5).toUpperCase(Locale.ROOT);
        try {
            OffsetDateTime time = OffsetDateTime.parse(normalised, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            // java.time knows no leap seconds; the instant after :59 is the one the leap second ends at
            return leapSecond ? time.plusSeconds(1) : time;
        } catch (DateTimeParseException e) {
            throw new CloudEventException(attribute, attribute + " '" + clip(value) + "' is not a valid RFC 3339"
                    + " timestamp: no such date, time or offset");
        }
    }

    static void mediaType(String attribute, String value) {
        if (!MEDIA_TYPE.matcher(value).matches()) {
            throw new CloudEventException(attribute, attribute + " '" + clip(value) + "' is not a media type"
                    + " (RFC 2046) such as application/json");
        }
    }

    /** Whether data of this media type is JSON; absent, it is, as the JSON format and the bindings assume. */
    static boolean isJson(String mediaType) {
        if (mediaType == null) {
            return true;
        }
        String base = base(mediaType);
        return base.equals("application/json") || base.equals("text/json") || base.endsWith("+json");
    }

    /** The type and subtype of a media type, lower case, without parameters. */
    static String base(String mediaType) {
        int parameters = mediaType.indexOf(';');
        return (parameters < 0 ? mediaType : mediaType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    /** RFC 3986 is ASCII only and has no whitespace; java.net.URI checks the rest of the grammar. */
    static URI uriReference(String attribute, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new CloudEventException(attribute, attribute + " '" + clip(value) + "' is not a URI-reference:"
                        + (c == ' ' ? " it contains a space" : String.format(" it contains U+%04X", (int) c))
                        + " at position " + i + " (percent-encode it)");
            }
        }
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new CloudEventException(attribute, attribute + " '" + clip(value) + "' is not a URI-reference: "
                    + e.getReason() + (e.getIndex() >= 0 ? " at position " + e.getIndex() : ""));
        }
    }

    /** Shortens a value quoted in a reason, so that a reason stays readable whatever was sent. */
    static String clip(String value) {
        return clip(value, 120);
    }

    static String clip(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…";
    }
}
