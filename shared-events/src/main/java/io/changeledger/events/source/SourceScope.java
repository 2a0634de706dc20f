package io.changeledger.events.source;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a source may report, sorted so that the same scope is always the same bytes on the wire. A pattern is a
 * name, or a prefix followed by {@code *}; an empty set allows all.
 *
 * @param types   the ingest item types, such as {@code deployment.recorded} or {@code access.*}
 * @param systems the services (changes, incidents) and systems (access) it may report about
 */
public record SourceScope(Set<String> types, Set<String> systems) {

    public static final SourceScope ALL = new SourceScope(null, null);

    public SourceScope {
        types = types == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(new TreeSet<>(types));
        systems = systems == null ? Collections.emptySortedSet()
                : Collections.unmodifiableSortedSet(new TreeSet<>(systems));
    }

    public boolean allowsType(String type) {
        return matches(types, type);
    }

    public boolean allowsSystem(String system) {
        return matches(systems, system);
    }

    private static boolean matches(Set<String> patterns, String value) {
        if (patterns.isEmpty()) {
            return true;
        }
        if (value == null) {
            return false;
        }
        return patterns.stream().anyMatch(pattern -> pattern.endsWith("*")
                ? value.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(value));
    }
}
