package io.changeledger.query.projection;

import io.changeledger.events.wire.LedgerEnvelope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The ids of the events the projections have taken, written in the same transaction as the read models. */
@Component
class ProcessedEvents {

    private final JdbcTemplate jdbc;

    ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An event as the consumer received it, with where it was on the topic. */
    record Delivered(LedgerEnvelope envelope, int partition, long offset) {
    }

    /**
     * Claims the ids of a polled batch's events in one statement (a statement per event cost the database more
     * than the read models did).
     *
     * @return the events whose ids were not processed before, in the order given, each id once (a record that came
     *         twice in one batch is taken the first time), so that the read models change once per event
     */
    List<LedgerEnvelope> claim(List<Delivered> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        UUID[] ids = new UUID[events.size()];
        String[] types = new String[events.size()];
        Long[] globalSequences = new Long[events.size()];
        Integer[] partitions = new Integer[events.size()];
        Long[] offsets = new Long[events.size()];
        for (int i = 0; i < events.size(); i++) {
            Delivered event = events.get(i);
            ids[i] = event.envelope().eventId();
            types[i] = event.envelope().type();
            globalSequences[i] = event.envelope().globalSequence();
            partitions[i] = event.partition();
            offsets[i] = event.offset();
        }
        Set<UUID> claimed = new HashSet<>(jdbc.query((Connection connection) -> {
            PreparedStatement statement = connection.prepareStatement("""
                    insert into processed_event (event_id, event_type, global_sequence, kafka_partition, kafka_offset)
                    select * from unnest(?::uuid[], ?::text[], ?::bigint[], ?::int[], ?::bigint[])
                    on conflict (event_id) do nothing
                    returning event_id""");
            array(statement, 1, connection, "uuid", ids);
            array(statement, 2, connection, "text", types);
            array(statement, 3, connection, "int8", globalSequences);
            array(statement, 4, connection, "int4", partitions);
            array(statement, 5, connection, "int8", offsets);
            return statement;
        }, (rs, row) -> rs.getObject(1, UUID.class)));
        List<LedgerEnvelope> fresh = new ArrayList<>(claimed.size());
        for (Delivered event : events) {
            if (claimed.remove(event.envelope().eventId())) {
                fresh.add(event.envelope());
            }
        }
        return fresh;
    }

    private static void array(PreparedStatement statement, int index, Connection connection, String type,
                              Object[] values) throws SQLException {
        statement.setArray(index, connection.createArrayOf(type, values));
    }
}
