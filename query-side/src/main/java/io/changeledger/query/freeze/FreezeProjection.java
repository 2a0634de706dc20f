package io.changeledger.query.freeze;

import io.changeledger.events.freeze.ChangeFreezeDeclared;
import io.changeledger.events.freeze.ChangeFreezeLifted;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.projection.LedgerProjection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the change freezes. Which changes a freeze covers is not stored: a freeze and a change are different
 * aggregates whose events may arrive in either order, so the overlap is computed when asked.
 */
@Component
class FreezeProjection implements LedgerProjection {

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    FreezeProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void on(LedgerEnvelope envelope) {
        if (envelope.event() instanceof ChangeFreezeDeclared declared) {
            on(declared, envelope);
        } else if (envelope.event() instanceof ChangeFreezeLifted lifted) {
            on(lifted, envelope);
        }
    }

    private void on(ChangeFreezeDeclared event, LedgerEnvelope envelope) {
        jdbc.sql("""
                        insert into change_freeze (freeze_id, services, environments, starts_at, ends_at, reason,
                            declared_by, occurred_at, recorded_at, event_id, global_sequence)
                        values (:freezeId, array(select jsonb_array_elements_text(cast(:services as jsonb))),
                            array(select jsonb_array_elements_text(cast(:environments as jsonb))), :startsAt, :endsAt,
                            :reason, :declaredBy, :occurredAt, :recordedAt, :eventId, :globalSequence)""")
                .paramSource(new Params()
                        .text("freezeId", event.freezeId())
                        .json("services", json.writeValueAsString(event.services()))
                        .json("environments", json.writeValueAsString(event.environments()))
                        .time("startsAt", event.window().start())
                        .time("endsAt", event.window().end())
                        .text("reason", event.reason())
                        .text("declaredBy", event.declaredBy())
                        .time("occurredAt", event.occurredAt())
                        .time("recordedAt", envelope.recordedAt())
                        .uuid("eventId", envelope.eventId())
                        .bigint("globalSequence", envelope.globalSequence()))
                .update();
    }

    private void on(ChangeFreezeLifted event, LedgerEnvelope envelope) {
        jdbc.sql("""
                        update change_freeze
                        set lifted_at = :liftedAt, lifted_by = :liftedBy, lift_reason = :reason,
                            lift_recorded_at = :recordedAt
                        where freeze_id = :freezeId""")
                .paramSource(new Params()
                        .text("freezeId", event.freezeId())
                        .time("liftedAt", event.occurredAt())
                        .text("liftedBy", event.liftedBy())
                        .text("reason", event.reason())
                        .time("recordedAt", envelope.recordedAt()))
                .update();
    }
}
