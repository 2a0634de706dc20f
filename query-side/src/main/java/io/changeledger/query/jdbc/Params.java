package io.changeledger.query.jdbc;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Named SQL parameters that always carry their SQL type: a null without one makes Spring ask the driver for
 * the statement's parameter metadata, an extra round trip to PostgreSQL on the projection's hot path.
 */
public final class Params extends MapSqlParameterSource {

    public Params text(String name, String value) {
        addValue(name, value, Types.VARCHAR);
        return this;
    }

    public Params text(String name, Enum<?> value) {
        return text(name, value == null ? null : value.name());
    }

    /** JSON text, for a {@code cast(:name as jsonb)} in the statement. */
    public Params json(String name, String value) {
        return text(name, value);
    }

    public Params time(String name, Instant value) {
        addValue(name, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC),
                Types.TIMESTAMP_WITH_TIMEZONE);
        return this;
    }

    public Params bool(String name, Boolean value) {
        addValue(name, value, Types.BOOLEAN);
        return this;
    }

    public Params integer(String name, Integer value) {
        addValue(name, value, Types.INTEGER);
        return this;
    }

    public Params bigint(String name, Long value) {
        addValue(name, value, Types.BIGINT);
        return this;
    }

    public Params uuid(String name, UUID value) {
        addValue(name, value);
        return this;
    }

    /** For {@code in (:name)}, which Spring expands to one placeholder per value; the list must not be empty. */
    public Params texts(String name, List<String> values) {
        addValue(name, values);
        return this;
    }
}
