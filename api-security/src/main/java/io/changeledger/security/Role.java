package io.changeledger.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.Locale;
import java.util.Optional;

/** Who may do what: the four roles of the issue "Who may do what", named as tokens and JWT claims name them. */
public enum Role {
    /** a registered source: writes events within its scope only */
    INGEST,
    /** reads reports, populations, evidence, proofs and exports */
    AUDITOR,
    /** an auditor who also defines freezes, review campaigns and mappings */
    COMPLIANCE,
    /** sources, tokens, keys, rebuilds; by the hierarchy also everything the others may do */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }

    public GrantedAuthority granted() {
        return new SimpleGrantedAuthority(authority());
    }

    /** The role a token or claim names ("auditor", "AUDITOR"); else empty. */
    public static Optional<Role> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** Admin may do everything; compliance what an auditor may. Ingest stays apart: a source is not a reader. */
    public static String hierarchy() {
        return """
                ROLE_ADMIN > ROLE_COMPLIANCE
                ROLE_COMPLIANCE > ROLE_AUDITOR
                ROLE_ADMIN > ROLE_INGEST
                """;
    }
}
