package io.changeledger.security;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * API tokens of people and tools that are not sources: random, shown once, kept only as SHA-256 hashes (32 random
 * bytes need no slow hash: there is nothing to guess), each with a role, an expiry and perhaps a revocation. Issuing
 * a token, its first use and its revocation go on the ledger in the transaction that changes the token.
 */
public class ApiTokens {

    /** Tells an API token from a source's ("clt_") in logs and secret scanners without revealing it. */
    static final String PREFIX = "cla_";

    private final JdbcClient jdbc;
    private final TransactionOperations transaction;
    private final TokenUse use;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, TransactionOperations transaction, TokenLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.use = new TokenUse(ledger);
        this.clock = clock;
    }

    /** A token and the secret its holder must keep: the only time the secret exists outside the caller. */
    public record Issued(ApiToken token, String secret) {
    }

    public Issued issue(String name, Role role, String createdBy, Duration lifetime) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        ApiToken token = new ApiToken(UUID.randomUUID(), name, role, createdBy, now, now.plus(lifetime), null, null,
                null);
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into api_token (id, name, role, token_hash, created_by, created_at, expires_at)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(token.id(), name, role.name(), hash(secret), createdBy, Timestamp.from(now),
                            Timestamp.from(token.expiresAt()))
                    .update();
            use.issued(token);
        });
        return new Issued(token, secret);
    }

    /**
     * The unrevoked, unexpired token of this secret. Its first use is noted once: of two first requests at the same
     * time, one notes it and the other finds it noted.
     */
    public Optional<ApiToken> active(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiToken> found = jdbc.sql(SELECT + " where token_hash = ? and revoked_at is null and expires_at > ?")
                .params(hash(secret), Timestamp.from(now)).query(ApiTokens::token).optional();
        found.filter(token -> token.firstUsedAt() == null).ifPresent(token -> transaction.executeWithoutResult(
                status -> {
                    if (jdbc.sql("update api_token set first_used_at = ? where id = ? and first_used_at is null")
                            .params(Timestamp.from(now), token.id()).update() == 1) {
                        use.firstUsed(token, now);
                    }
                }));
        return found;
    }

    /** @return the token as revoked, or empty if there is no such token or it was revoked already */
    public Optional<ApiToken> revoke(UUID id, String revokedBy) {
        return transaction.execute(status -> {
            int revoked = jdbc.sql(
                            "update api_token set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
                    .params(Timestamp.from(clock.instant()), revokedBy, id).update();
            Optional<ApiToken> token = revoked == 1 ? find(id) : Optional.empty();
            token.ifPresent(use::revoked);
            return token;
        });
    }

    public Optional<ApiToken> find(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(ApiTokens::token).optional();
    }

    public List<ApiToken> all() {
        return jdbc.sql(SELECT + " order by created_at, id").query(ApiTokens::token).list();
    }

    /** Compares hashes of both, so the time it takes says nothing about how much of the secret was right. */
    public static boolean sameSecret(String expected, String presented) {
        return hashOf(hash(expected), presented);
    }

    /** Whether the presented secret has this SHA-256 (hex, either case), compared in constant time. */
    public static boolean hashOf(String expectedHash, String presented) {
        return presented != null && MessageDigest.isEqual(
                expectedHash.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                hash(presented).getBytes(StandardCharsets.US_ASCII));
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static final String SELECT = """
            select id, name, role, created_by, created_at, expires_at, first_used_at, revoked_at, revoked_by
            from api_token""";

    private static ApiToken token(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"), Role.valueOf(rs.getString("role")),
                rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "first_used_at"), instant(rs, "revoked_at"), rs.getString("revoked_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
