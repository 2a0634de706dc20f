package io.changeledger.command.ingest;

import io.changeledger.command.source.Source;
import io.changeledger.command.source.SourceRegistry;
import io.changeledger.command.security.SourceCaller;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.util.OptionalLong;

/** The HTTP side of sources: who sent a request, and whether it may send that much now. */
@Component
public class SourceAuthentication {

    private final SourceRegistry sources;

    SourceAuthentication(SourceRegistry sources) {
        this.sources = sources;
    }

    /**
     * The API source whose bearer token the request carried, as Spring Security authenticated it: source
     * credentials are the ingest role's tokens. Another caller (an admin's token) is no source and has no scope to
     * write within: 403.
     */
    public Source bearer(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            throw unauthorized("Send the source's token as 'Authorization: Bearer <token>'");
        }
        if (!(authentication.getPrincipal() instanceof SourceCaller caller)) {
            throw Problems.of(HttpStatus.FORBIDDEN, "Forbidden",
                    "Only a registered source sends events: its scope says what it may record");
        }
        return caller.source();
    }

    /** 429 with Retry-After when the source sent more than its rate allows; nothing is recorded then. */
    public void admit(Source source, int events) {
        OptionalLong wait = sources.rateLimited(source, events);
        if (wait.isPresent()) {
            ErrorResponseException tooMany = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "Too many events",
                    "Source '" + source.name() + "' may send " + source.ratePerSecond() + " events a second; send"
                            + " these again in " + wait.getAsLong() + " s");
            tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong()));
            throw tooMany;
        }
    }

    public static ErrorResponseException unauthorized(String detail) {
        return unauthorized(detail, "Bearer realm=\"changeledger\"");
    }

    /** @param challenge how to authenticate instead: a 401 must name at least one way (RFC 9110) */
    public static ErrorResponseException unauthorized(String detail, String challenge) {
        ErrorResponseException unauthorized = Problems.of(HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
        unauthorized.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return unauthorized;
    }

    /** Problem answers of the ingest endpoints. */
    public static final class Problems {

        private Problems() {
        }

        public static ErrorResponseException of(HttpStatus status, String title, String detail) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
            problem.setTitle(title);
            return new ErrorResponseException(status, problem, null);
        }
    }
}
