package io.changeledger.query.access;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * Who held access to a change's system while the change touched production.
 *
 * @param ran            the change started or finished; one that never did has no window and no access listed
 * @param executionStart when it started, or finished if the ledger only knows that
 * @param executionEnd   when it finished, or started if it has not finished
 * @param items          the grants in force at some moment of the execution, by principal, role and start
 */
public record ChangeAccess(String changeId, String service, String environment, boolean ran, Instant executionStart,
                    Instant executionEnd, List<Holder> items) {

    /**
     * @param since    when the grant began
     * @param until    when it ends or ended; null if it has no end
     * @param sessions the grant's sessions that overlapped the execution; a session not reported as ended counts
     *                 as still open
     * @param used     one of its sessions overlapped the execution
     */
    record Holder(String principal, String role, String grantId, AccessKind kind, String resource,
                  boolean privileged, boolean breakGlass, Instant since,
                  @JsonInclude(JsonInclude.Include.ALWAYS) Instant until, List<String> sessions, boolean used) {
    }
}
