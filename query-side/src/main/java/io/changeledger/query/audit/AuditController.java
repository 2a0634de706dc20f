package io.changeledger.query.audit;

import io.changeledger.events.change.ChangeKind;
import io.changeledger.proof.format.EvidenceBundle;
import io.changeledger.proof.format.EvidenceBundles;
import io.changeledger.query.web.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

/**
 * The auditor's API, read-only: populations to test, reproducible samples of them, and an evidence packet per
 * change or grant that the offline verifier can check. Every request to it is itself recorded on the ledger.
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {

    private final PopulationQueries populations;
    private final EvidenceQueries evidence;
    private final ActivityQueries activity;
    private final TokenHistoryQueries tokens;

    AuditController(PopulationQueries populations, EvidenceQueries evidence, ActivityQueries activity,
                    TokenHistoryQueries tokens) {
        this.populations = populations;
        this.evidence = evidence;
        this.activity = activity;
        this.tokens = tokens;
    }

    /** Every change matching the filters, by occurred-at then id; follow {@code next} until it is absent. */
    @GetMapping("/populations/changes")
    CursorPage<PopulationChange> changePopulation(
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) ChangeKind kind,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant knownAt,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Problems.requireOrdered(from, to);
        return populations.handle(new FindChangePopulationQuery(
                new ChangeFilter(from, to, service, environment, kind, knownAt), Cursor.decode(cursor), limit));
    }

    /** Every grant of access matching the filters, by occurred-at then id. */
    @GetMapping("/populations/grants")
    CursorPage<PopulationGrant> grantPopulation(
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String system,
            @RequestParam(required = false) String principal,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) GrantFilter.GrantKind kind,
            @RequestParam(required = false) Boolean privileged,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant knownAt,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Problems.requireOrdered(from, to);
        return populations.handle(new FindGrantPopulationQuery(
                new GrantFilter(from, to, system, principal, role, kind, privileged, knownAt), Cursor.decode(cursor),
                limit));
    }

    /**
     * {@code size} changes of the population drawn by {@code seed} (see {@link SampleMethod}); without a seed one
     * is drawn and answered. Send the answer's seed and {@code knownAt} again to get the same sample.
     */
    @GetMapping("/samples/changes")
    Sample<PopulationChange> changeSample(
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String environment,
            @RequestParam(required = false) ChangeKind kind,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant knownAt,
            @RequestParam @Min(1) @Max(1000) int size,
            @RequestParam(required = false) @Size(min = 1, max = 200) String seed) {
        Problems.requireOrdered(from, to);
        return populations.handle(new FindChangeSampleQuery(
                new ChangeFilter(from, to, service, environment, kind, knownAt), seed, size));
    }

    @GetMapping("/samples/grants")
    Sample<PopulationGrant> grantSample(
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String system,
            @RequestParam(required = false) String principal,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) GrantFilter.GrantKind kind,
            @RequestParam(required = false) Boolean privileged,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant knownAt,
            @RequestParam @Min(1) @Max(1000) int size,
            @RequestParam(required = false) @Size(min = 1, max = 200) String seed) {
        Problems.requireOrdered(from, to);
        return populations.handle(new FindGrantSampleQuery(
                new GrantFilter(from, to, system, principal, role, kind, privileged, knownAt), seed, size));
    }

    /** @param format {@code json} (this answer) or {@code bundle} (the offline verifier's evidence bundle) */
    @GetMapping("/evidence/changes/{changeId}")
    ChangeEvidence changeEvidence(@PathVariable String changeId,
                                  @RequestParam(defaultValue = "json") @Pattern(regexp = "json|bundle") String format) {
        return evidence.handle(new FindChangeEvidenceQuery(changeId))
                .orElseThrow(() -> Problems.notFound("Change not found", "No change with id " + changeId));
    }

    /** Mapped by its parameter, so it wins over {@link #changeEvidence} for {@code format=bundle}. */
    @GetMapping(path = "/evidence/changes/{changeId}", params = "format=bundle")
    ResponseEntity<byte[]> changeEvidenceBundle(@PathVariable String changeId) {
        return bundle(evidence.bundle(new FindChangeEvidenceQuery(changeId))
                .orElseThrow(() -> Problems.notFound("Change not found", "No change with id " + changeId)));
    }

    /** @param format {@code json} (this answer) or {@code bundle} (the offline verifier's evidence bundle) */
    @GetMapping("/evidence/grants/{grantId}")
    GrantEvidence grantEvidence(@PathVariable String grantId,
                                @RequestParam(defaultValue = "json") @Pattern(regexp = "json|bundle") String format) {
        return evidence.handle(new FindGrantEvidenceQuery(grantId))
                .orElseThrow(() -> Problems.notFound("Grant not found", "No grant with id " + grantId));
    }

    @GetMapping(path = "/evidence/grants/{grantId}", params = "format=bundle")
    ResponseEntity<byte[]> grantEvidenceBundle(@PathVariable String grantId) {
        return bundle(evidence.bundle(new FindGrantEvidenceQuery(grantId))
                .orElseThrow(() -> Problems.notFound("Grant not found", "No grant with id " + grantId)));
    }

    /** The audit of the auditors: their requests as the ledger recorded them, oldest first. */
    @GetMapping("/activity")
    CursorPage<AuditorActivity> activity(
            @RequestParam(required = false) String auditor,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        Problems.requireOrdered(from, to);
        return activity.handle(new FindAuditorActivityQuery(auditor, from, to, Cursor.decode(cursor), limit));
    }

    /**
     * Who could read or write the ledger through its APIs: the API tokens of both sides as the ledger recorded
     * them, with when each was issued, first used, and revoked or due to expire.
     *
     * @param activeAt only the tokens that worked at that moment
     */
    @GetMapping("/tokens")
    List<ApiTokenRecord> tokens(@RequestParam(required = false) String api,
                                @RequestParam(required = false) String name,
                                @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant activeAt) {
        return tokens.handle(new FindApiTokensQuery(api, name, activeAt));
    }

    /** Written by the format's own writer, so that the bundle is byte for byte what the verifier reads. */
    private static ResponseEntity<byte[]> bundle(EvidenceBundle bundle) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        EvidenceBundles.write(bundle, json);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.toByteArray());
    }
}
