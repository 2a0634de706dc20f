package io.changeledger.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * How callers prove who they are.
 *
 * @param adminToken    a bootstrap admin token from the environment (CHANGELEDGER_ADMIN_TOKEN); blank: none, then
 *                      only tokens issued through the admin API (by someone who had one) are accepted
 * @param adminTokenSha256 the bootstrap admin token given by its SHA-256 (hex) instead, so that the token itself
 *                      need not be kept where the application's settings are: how the embedded mode keeps the
 *                      token it printed once
 * @param tokenLifetime how long an issued token lives unless its request says otherwise
 * @param maxRequestSize the largest request body (the command side's batch endpoints have their own limit)
 * @param jwt           bearer JWTs of an OAuth 2.0 / OIDC issuer, checked by Spring Security's resource server;
 *                      off while its issuer is blank
 */
@ConfigurationProperties("changeledger.security")
public record SecurityProperties(String adminToken, String adminTokenSha256, @DefaultValue("90d") Duration tokenLifetime,
                                 @DefaultValue("1MB") DataSize maxRequestSize,
                                 @DefaultValue Jwt jwt) {

    /** Whether this is the bootstrap admin token, compared by hashes in constant time. */
    public boolean isAdminToken(String presented) {
        if (presented == null) {
            return false;
        }
        if (adminToken != null && !adminToken.isBlank()) {
            return ApiTokens.sameSecret(adminToken, presented);
        }
        return adminTokenSha256 != null && !adminTokenSha256.isBlank()
                && ApiTokens.hashOf(adminTokenSha256, presented);
    }

    /**
     * @param issuerUri   the issuer every token must name (iss); blank: JWTs are not accepted
     * @param jwkSetUri   where the issuer's keys are; blank: found through the issuer's OIDC discovery
     * @param audiences   one of them must be in the token's aud
     * @param rolesClaim  the claim holding the caller's roles (a list or a space-separated string)
     * @param publicKey   PEM of an RSA public key instead of a JWK set (an issuer that publishes none, and tests)
     */
    public record Jwt(String issuerUri, String jwkSetUri, @DefaultValue("changeledger") List<String> audiences,
                      @DefaultValue("roles") String rolesClaim, String publicKey) {

        public boolean enabled() {
            return issuerUri != null && !issuerUri.isBlank();
        }
    }
}
