package io.changeledger.query.audit;

import io.changeledger.events.token.ApiTokenFirstUsed;
import io.changeledger.events.token.ApiTokenIssued;
import io.changeledger.events.token.ApiTokenRevoked;
import io.changeledger.events.wire.LedgerEnvelope;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.projection.LedgerProjection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The API tokens of both sides as the ledger recorded them, one row per token. A token's first use or revocation
 * always follows its issue on the ledger (one aggregate, in its order), so the row exists when they arrive.
 */
@Component
class ApiTokenHistoryProjection implements LedgerProjection {

    private final JdbcClient jdbc;

    ApiTokenHistoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void on(LedgerEnvelope envelope) {
        if (envelope.event() instanceof ApiTokenIssued issued) {
            jdbc.sql("""
                            insert into api_token_history (token_id, api, name, role, issued_by, issued_at, expires_at,
                                issued_event_id)
                            values (:tokenId, :api, :name, :role, :issuedBy, :issuedAt, :expiresAt, :eventId)
                            on conflict (token_id) do nothing""")
                    .paramSource(new Params()
                            .text("tokenId", issued.tokenId())
                            .text("api", issued.api())
                            .text("name", issued.name())
                            .text("role", issued.role())
                            .text("issuedBy", issued.issuedBy())
                            .time("issuedAt", issued.occurredAt())
                            .time("expiresAt", issued.expiresAt())
                            .uuid("eventId", envelope.eventId()))
                    .update();
        } else if (envelope.event() instanceof ApiTokenFirstUsed used) {
            jdbc.sql("update api_token_history set first_used_at = coalesce(first_used_at, :at) where token_id = :id")
                    .paramSource(new Params().time("at", used.occurredAt()).text("id", used.tokenId()))
                    .update();
        } else if (envelope.event() instanceof ApiTokenRevoked revoked) {
            jdbc.sql("""
                            update api_token_history set revoked_at = coalesce(revoked_at, :at),
                                revoked_by = coalesce(revoked_by, :by)
                            where token_id = :id""")
                    .paramSource(new Params().time("at", revoked.occurredAt()).text("by", revoked.revokedBy())
                            .text("id", revoked.tokenId()))
                    .update();
        }
    }
}
