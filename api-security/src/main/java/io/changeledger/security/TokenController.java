package io.changeledger.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** API tokens, issued and revoked by admins. A token's secret is in the answer that issues it and nowhere else. */
@RestController
@RequestMapping(path = "/api/v1/admin/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
class TokenController {

    private final ApiTokens tokens;
    private final SecurityProperties properties;

    TokenController(ApiTokens tokens, SecurityProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    /** @param validFor ISO-8601 duration (P30D); absent: the configured token lifetime */
    record IssueRequest(String name, String role, Duration validFor) {
    }

    record IssuedAnswer(UUID id, String name, Role role, Instant expiresAt, String token) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IssuedAnswer> issue(@RequestBody IssueRequest request, Authentication caller) {
        if (request.name() == null || request.name().isBlank()) {
            throw badRequest("A token needs a name that says whose it is");
        }
        Role role = Role.named(request.role()).orElseThrow(() -> badRequest(
                "role must be one of auditor, compliance, admin"));
        if (role == Role.INGEST) {
            // one credential per source, with its scope: issued by the sources API, not here
            throw badRequest("Sources get their credentials from /api/v1/admin/sources");
        }
        Duration validFor = request.validFor() == null ? properties.tokenLifetime() : request.validFor();
        if (validFor.isNegative() || validFor.isZero()) {
            throw badRequest("validFor must be positive");
        }
        ApiTokens.Issued issued = tokens.issue(request.name().trim(), role, caller.getName(), validFor);
        return ResponseEntity.created(URI.create("/api/v1/admin/tokens/" + issued.token().id()))
                .body(new IssuedAnswer(issued.token().id(), issued.token().name(), role, issued.token().expiresAt(),
                        issued.secret()));
    }

    @GetMapping
    List<ApiToken> all() {
        return tokens.all();
    }

    @GetMapping("/{id}")
    ApiToken one(@PathVariable UUID id) {
        return tokens.find(id).orElseThrow(() -> notFound(id));
    }

    @PostMapping("/{id}/revocation")
    ApiToken revoke(@PathVariable UUID id, Authentication caller) {
        return tokens.revoke(id, caller.getName()).orElseThrow(() -> notFound(id));
    }

    private static ErrorResponseException badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, detail);
    }

    private static ErrorResponseException notFound(UUID id) {
        return problem(HttpStatus.NOT_FOUND, "No unrevoked token " + id);
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
