package io.changeledger.query.access;

import io.changeledger.events.change.Control;
import io.changeledger.query.web.Page;
import io.changeledger.query.web.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

@RestController
@RequestMapping(path = "/api/v1/access", produces = MediaType.APPLICATION_JSON_VALUE)
class AccessController {

    private final AccessMatrixQueries matrix;
    private final GrantQueries grants;
    private final AccessAnomalyQueries anomalies;
    private final AccessViolationQueries violations;
    private final AccessReviewQueries reviews;

    AccessController(AccessMatrixQueries matrix, GrantQueries grants, AccessAnomalyQueries anomalies,
                     AccessViolationQueries violations, AccessReviewQueries reviews) {
        this.matrix = matrix;
        this.grants = grants;
        this.anomalies = anomalies;
        this.violations = violations;
        this.reviews = reviews;
    }

    /**
     * @param at      the instant; default now
     * @param knownAt answer as the ledger knew it then
     */
    @GetMapping("/matrix")
    AccessMatrix matrix(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant at,
                        @RequestParam(required = false) String system,
                        @RequestParam(required = false) String principal,
                        @RequestParam(required = false) String role,
                        @RequestParam(required = false) Boolean breakGlass,
                        @RequestParam(required = false) Boolean privileged,
                        @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant knownAt,
                        @RequestParam(defaultValue = "false") boolean includeHistory,
                        @RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return matrix.handle(new FindAccessMatrixQuery(at, system, principal, role, breakGlass, privileged, knownAt,
                includeHistory, page, size));
    }

    @GetMapping("/diff")
    AccessDiff diff(@RequestParam @DateTimeFormat(iso = ISO.DATE_TIME) Instant from,
                    @RequestParam @DateTimeFormat(iso = ISO.DATE_TIME) Instant to,
                    @RequestParam(required = false) String system,
                    @RequestParam(required = false) String principal,
                    @RequestParam(required = false) String role) {
        Problems.requireOrdered(from, to);
        return matrix.handle(new FindAccessDiffQuery(from, to, system, principal, role));
    }

    /** @param standing only standing access (true), or only requested and break-glass access (false) */
    @GetMapping("/grants")
    Page<GrantSummary> grants(@RequestParam(required = false) String system,
                              @RequestParam(required = false) String principal,
                              @RequestParam(required = false) String role,
                              @RequestParam(required = false) AccessStatus status,
                              @RequestParam(required = false) Boolean breakGlass,
                              @RequestParam(required = false) Boolean standing,
                              @RequestParam(defaultValue = "0") @Min(0) int page,
                              @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return grants.handle(new FindGrantsQuery(system, principal, role, status, breakGlass, standing, page, size));
    }

    @GetMapping("/grants/{id}")
    GrantView grant(@PathVariable String id) {
        return grants.handle(new FindGrantQuery(id))
                .orElseThrow(() -> Problems.notFound("Grant not found", "No grant with id " + id));
    }

    /** @param days how long standing privileged access may go without a certification */
    @GetMapping("/anomalies")
    Page<AccessAnomaly> anomalies(@RequestParam(required = false) AnomalyType type,
                                  @RequestParam(required = false) String system,
                                  @RequestParam(defaultValue = "90") @Min(1) @Max(36500) int days,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return anomalies.handle(new FindAccessAnomaliesQuery(type, system, days, page, size));
    }

    @GetMapping("/violations")
    Page<AccessViolationView> violations(@RequestParam(required = false) Boolean open,
                                         @RequestParam(required = false) Control control,
                                         @RequestParam(required = false) String system,
                                         @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME)
                                         Instant from,
                                         @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME)
                                         Instant to,
                                         @RequestParam(defaultValue = "0") @Min(0) int page,
                                         @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        Problems.requireOrdered(from, to);
        return violations.handle(new FindAccessViolationsQuery(open, control, system, from, to, page, size));
    }

    @GetMapping("/reviews")
    Page<AccessReviewSummary> reviews(@RequestParam(required = false) String system,
                                      @RequestParam(defaultValue = "0") @Min(0) int page,
                                      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return reviews.handle(new FindAccessReviewsQuery(system, page, size));
    }

    @GetMapping("/reviews/{id}")
    AccessReviewView review(@PathVariable String id) {
        return reviews.handle(new FindAccessReviewQuery(id))
                .orElseThrow(() -> Problems.notFound("Access review not found", "No access review with id " + id));
    }
}
