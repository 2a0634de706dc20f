package io.changeledger.command.config;

import org.axonframework.common.IdentifierFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Identifiers of events and of the ledger's own records as UUID version 7 (RFC 9562): the Unix time in
 * milliseconds, then 74 random bits. Random (version 4) ids fall anywhere in the unique indexes over them, on the
 * command side and again on the query side: every insert changed a page of its own, and the first change of a
 * page after a checkpoint writes the whole page to the write-ahead log again. Ids that grow with time are
 * inserted at the right edge of those indexes, into the few pages that are already being written.
 * <p>
 * Axon finds this class through {@code META-INF/services}, so event identifiers are made here too.
 */
public final class TimeOrderedIds extends IdentifierFactory {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Clock CLOCK = Clock.systemUTC();

    /** Axon's {@link java.util.ServiceLoader} needs a public constructor. */
    public TimeOrderedIds() {
    }

    private static UUID uuid() {
        return at(CLOCK.millis());
    }

    public static String next() {
        return uuid().toString();
    }

    static UUID at(long unixMillis) {
        if (unixMillis < 0 || unixMillis >>> 48 != 0) {
            throw new IllegalArgumentException("a UUIDv7 holds 48 bits of milliseconds, not " + unixMillis);
        }
        long mostSignificant = unixMillis << 16 | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
        long leastSignificant = RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }

    @Override
    public String generateIdentifier() {
        return next();
    }
}
