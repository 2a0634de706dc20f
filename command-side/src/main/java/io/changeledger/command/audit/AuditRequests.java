package io.changeledger.command.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** The data of the ingest item {@code auditor.query}, which the query side sends for every audited request. */
public final class AuditRequests {

    private AuditRequests() {
    }

    /**
     * @param queryId    the query side's id of the request: the same request sent again is recorded once
     * @param occurredAt when the request arrived; required, since the ledger learns of it later
     */
    public record RecordAuditorQuery(@NotBlank @Size(max = 64) String queryId,
                                     @NotBlank @Size(max = 200) String auditor,
                                     boolean authenticated,
                                     @NotBlank @Size(max = 10) @Pattern(regexp = "[A-Z]+") String method,
                                     @NotBlank @Size(max = 2000) String path,
                                     @Size(max = 8000) String query,
                                     @Min(100) @Max(599) int status,
                                     @Min(0) Integer rowCount,
                                     @Min(0) long durationMillis,
                                     @Size(max = 100) String clientAddress,
                                     @Size(max = 100) String sourceSystem,
                                     @NotNull Instant occurredAt) {
    }
}
