package io.changeledger.query.audit;

import io.changeledger.security.ApiToken;
import io.changeledger.security.TokenLedger;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The query side's API tokens onto the ledger: an ingest item in the outbox, in the transaction that changes the
 * token, which the sender takes to the command side like the audit of the auditors. The idempotency key names the
 * token and what happened to it, so an item sent twice is recorded once.
 */
@Component
class QuerySideTokens implements TokenLedger {

    static final String ISSUED = "token.issued";
    static final String FIRST_USED = "token.first-used";
    static final String REVOKED = "token.revoked";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditOutbox outbox;
    private final AuditSender sender;

    QuerySideTokens(AuditOutbox outbox, AuditSender sender) {
        this.outbox = outbox;
        this.sender = sender;
    }

    @Override
    public void issued(ApiToken token) {
        ObjectNode data = JSON.createObjectNode();
        data.put("tokenId", token.id().toString());
        data.put("name", token.name());
        data.put("role", token.role().name());
        data.put("issuedBy", token.createdBy());
        data.put("issuedAt", token.createdAt().toString());
        data.put("expiresAt", token.expiresAt().toString());
        add(token, ISSUED, data);
    }

    @Override
    public void firstUsed(ApiToken token, Instant usedAt) {
        ObjectNode data = JSON.createObjectNode();
        data.put("tokenId", token.id().toString());
        data.put("usedAt", usedAt.toString());
        add(token, FIRST_USED, data);
    }

    @Override
    public void revoked(ApiToken token) {
        ObjectNode data = JSON.createObjectNode();
        data.put("tokenId", token.id().toString());
        data.put("revokedBy", token.revokedBy());
        data.put("revokedAt", token.revokedAt().toString());
        add(token, REVOKED, data);
    }

    private void add(ApiToken token, String type, ObjectNode data) {
        String key = token.id() + "/" + type;
        ObjectNode item = JSON.createObjectNode();
        item.put("type", type);
        item.put("idempotencyKey", key);
        item.set("data", data);
        outbox.add(new AuditOutbox.Item(UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)),
                token.id().toString(), JSON.writeValueAsString(item)));
        sender.wake();
    }
}
