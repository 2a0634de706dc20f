package io.changeledger.events;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Collections.unmodifiableSortedMap;

/**
 * Checks shared by the events' constructors, and by the aggregates that build them: an event that exists is a
 * well-formed event, and a missing value is named the same way everywhere.
 */
public final class Require {

    private Require() {
    }

    public static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    public static <T> T present(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    public static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** Sorted, so that the same attributes are always the same bytes on the wire. */
    public static SortedMap<String, String> attributes(Map<String, String> attributes) {
        return attributes == null ? unmodifiableSortedMap(new TreeMap<>())
                : unmodifiableSortedMap(new TreeMap<>(attributes));
    }
}
