package io.changeledger.query.projection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A history row's summary: the event's own facts, without nulls, enums by name, in the order they were put. */
public final class HistorySummary {

    private final Map<String, Object> values = new LinkedHashMap<>();

    public HistorySummary put(String name, Object value) {
        if (value != null) {
            values.put(name, value instanceof Enum<?> constant ? constant.name() : value);
        }
        return this;
    }

    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }
}
