package io.changeledger.query.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Records every request to the audited paths in the outbox, from where {@link AuditSender} takes it to the ledger.
 * The answer is flushed to the client before the record is written, and a record that cannot be written is
 * logged in full instead: recording never slows or fails the auditor's request.
 */
class AuditorRequestFilter extends OncePerRequestFilter {

    static final String ANONYMOUS = "anonymous";

    private static final Logger log = LoggerFactory.getLogger(AuditorRequestFilter.class);
    private static final int MAX_AUDITOR = 200;
    private static final int MAX_QUERY = 8000;

    private final AuditProperties properties;
    private final AuditOutbox outbox;
    private final ObjectProvider<AuditSender> sender;
    private final Clock clock;

    /**
     * @param sender looked up when first needed: a filter is made while the web server starts, before the Kafka
     *               settings the sender binds may be complete
     */
    AuditorRequestFilter(AuditProperties properties, AuditOutbox outbox, ObjectProvider<AuditSender> sender,
                         Clock clock) {
        this.properties = properties;
        this.outbox = outbox;
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.recorded(path(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant requestedAt = clock.instant();
        long started = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            long durationMillis = (System.nanoTime() - started) / 1_000_000;
            if (!failed) {
                flush(response);
            }
            Object rows = request.getAttribute(RowCounting.ATTRIBUTE);
            // an exception that leaves the filter becomes a 500, whatever status was set before it
            record(new AuditorRequest(UUID.randomUUID(), auditor(request), request.getUserPrincipal() != null,
                    request.getMethod(),
                    path(request), truncate(request.getQueryString(), MAX_QUERY),
                    failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus(),
                    rows instanceof Integer count ? count : null, durationMillis, request.getRemoteAddr(),
                    requestedAt));
        }
    }

    private void record(AuditorRequest request) {
        try {
            outbox.add(request);
            sender.ifAvailable(AuditSender::wake);
        } catch (RuntimeException e) {
            // the request's id and path, not who asked: the log is no place for an auditor's name or address
            log.error("Could not record the auditor request {} ({} {}) in the outbox; it is not on the ledger: {}",
                    request.requestId(), request.method(), request.path(), e.toString());
        }
    }

    private static void flush(HttpServletResponse response) {
        try {
            response.flushBuffer();
        } catch (IOException e) {
            // the client went away; the request was still made and is recorded
        }
    }

    /**
     * Who the authentication says asked (the name of the API token or the JWT's subject), not what a header claims.
     * This filter runs inside Spring Security's chain, so a request it sees was let in.
     */
    private static String auditor(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        if (principal == null || principal.getName() == null || principal.getName().isBlank()) {
            return ANONYMOUS;
        }
        return truncate(principal.getName().strip(), MAX_AUDITOR);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
