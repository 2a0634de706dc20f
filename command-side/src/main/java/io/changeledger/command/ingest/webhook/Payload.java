package io.changeledger.command.ingest.webhook;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * A vendor's JSON payload, read by dotted paths such as {@code deployment.creator.login}, so that a field the
 * ledger needs and does not find is named in the answer exactly as the vendor's documentation names it. Fields
 * the ledger does not need are never looked at: a vendor adding fields changes nothing.
 */
final class Payload {

    private final JsonNode root;
    private final String prefix;

    private Payload(JsonNode root, String prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    static Payload of(JsonNode root) {
        return new Payload(root, "");
    }

    /** The object at the path, its fields named from the whole payload's root. */
    Payload object(String path) {
        JsonNode node = node(path);
        if (!node.isObject()) {
            throw new InvalidPayloadException(name(path), node.isMissingNode() || node.isNull()
                    ? "is required" : "must be an object");
        }
        return new Payload(node, name(path) + ".");
    }

    /** The objects of the array at the path, each named by its index. */
    List<Payload> objects(String path) {
        JsonNode node = node(path);
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidPayloadException(name(path), node.isArray() ? "must not be empty"
                    : node.isMissingNode() || node.isNull() ? "is required" : "must be an array");
        }
        return IntStream.range(0, node.size()).mapToObj(i -> {
            String element = name(path) + "[" + i + "]";
            if (!node.get(i).isObject()) {
                throw new InvalidPayloadException(element, "must be an object");
            }
            return new Payload(node.get(i), element + ".");
        }).toList();
    }

    JsonNode node(String path) {
        JsonNode node = root;
        for (String field : path.split("\\.")) {
            node = node.isObject() ? node.path(field) : MissingNode.getInstance();
        }
        return node;
    }

    /**
     * The text at the path; a number (the vendors' ids) as its digits. Null, empty and absent are alike: the
     * vendors send {@code ""} and {@code null} for a field they have no value for.
     */
    String text(String path) {
        JsonNode node = node(path);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue().isBlank() ? null : node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.asString();
        }
        throw new InvalidPayloadException(name(path), "must be a string");
    }

    String required(String path) {
        String text = text(path);
        if (text == null) {
            throw new InvalidPayloadException(name(path), "is required");
        }
        return text;
    }

    /** An ISO-8601 time with an offset, as GitHub and HCP Terraform send them. */
    Instant instant(String path) {
        return instant(path, text -> OffsetDateTime.parse(text).toInstant(), "an ISO-8601 time such as"
                + " 2019-05-15T15:20:53Z");
    }

    /** A time in the vendor's own format, which must name its offset or zone. */
    Instant instant(String path, DateTimeFormatter format, String example) {
        return instant(path, text -> ZonedDateTime.parse(text, format).toInstant(), example);
    }

    private Instant instant(String path, Function<String, Instant> parse, String expected) {
        String text = text(path);
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text);
        } catch (DateTimeException e) {
            throw new InvalidPayloadException(name(path), "must be " + expected + ", not '"
                    + Reported.clip(text, 100) + "'");
        }
    }

    String name(String path) {
        return prefix + path;
    }
}
