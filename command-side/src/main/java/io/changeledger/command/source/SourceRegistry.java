package io.changeledger.command.source;

import io.changeledger.command.source.SourceCommands.RecordSourceGapCommand;
import io.changeledger.events.source.SourceKind;
import io.changeledger.events.source.SourceScope;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Who may send events: finds the source behind a token or a webhook's name, checks its secret, limits its rate
 * and notices the sequence numbers it skipped. Only enabled sources are ever found.
 */
@Component
public class SourceRegistry {

    private final JdbcClient jdbc;
    private final CommandGateway commands;
    private final SecretBox secrets;
    private final RateLimiter rates;
    private final Clock clock;

    SourceRegistry(JdbcClient jdbc, CommandGateway commands, SourceProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.secrets = SecretBox.of(properties.secretsKey());
        this.rates = new RateLimiter(clock, properties.smallestBurst());
        this.clock = clock;
    }

    /** The API source whose bearer token this is. */
    public Optional<Source> byToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " and kind = 'API' and token_hash = ?").param(hash(token))
                .query(SourceRegistry::source).optional();
    }

    public Optional<Source> named(String name, SourceKind kind) {
        return jdbc.sql(SELECT + " and name = ? and kind = ?").params(name, kind.name())
                .query(SourceRegistry::source).optional();
    }

    /** Compares hashes, so the time it takes says nothing about how much of the token was right. */
    public boolean tokenMatches(Source source, String presented) {
        if (presented == null) {
            return false;
        }
        Optional<String> expected = jdbc.sql("select token_hash from ingest_source where name = ?")
                .param(source.name()).query(String.class).optional();
        return expected.isPresent() && MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.US_ASCII),
                hash(presented).getBytes(StandardCharsets.US_ASCII));
    }

    /** The secret a webhook source signs with. */
    public byte[] webhookSecret(Source source) {
        byte[] sealed = jdbc.sql("select secret_ciphertext from ingest_source where name = ?").param(source.name())
                .query(byte[].class).optional()
                .orElseThrow(() -> new SourceRuleException("Source " + source.name() + " has no webhook secret"));
        return secrets.open(sealed);
    }

    /** @return empty if the source may send these events now, else the seconds it should wait */
    public OptionalLong rateLimited(Source source, int events) {
        return rates.acquire(source, events);
    }

    /**
     * Notes the source's sequence number of an event being recorded, in the caller's transaction: a number past
     * the next one expected records the gap on the ledger. The first number a source sends sets where it starts;
     * a number at or below the highest seen is a late or repeated event and changes nothing.
     */
    public void sequenced(Source source, long sequence) {
        // sequences are never negative, so -1 stands for "none seen yet"
        long last = jdbc.sql("select coalesce(last_sequence, -1) from ingest_source where name = ? for update")
                .param(source.name()).query(Long.class).single();
        if (last >= 0 && sequence <= last) {
            return;
        }
        if (last >= 0 && sequence > last + 1) {
            commands.sendAndWait(new RecordSourceGapCommand(source.name(), last + 1, sequence, clock.instant()));
        }
        jdbc.sql("update ingest_source set last_sequence = ? where name = ?").params(sequence, source.name()).update();
    }

    SecretBox secrets() {
        return secrets;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static final String SELECT = """
            select name, kind, scope_types, scope_systems, rate_per_second from ingest_source
            where disabled_at is null""";

    private static Source source(ResultSet rs, int row) throws SQLException {
        return new Source(rs.getString("name"), SourceKind.valueOf(rs.getString("kind")),
                new SourceScope(strings(rs.getArray("scope_types")), strings(rs.getArray("scope_systems"))),
                rs.getInt("rate_per_second"));
    }

    private static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : Set.copyOf(List.of((String[]) array.getArray()));
    }
}
