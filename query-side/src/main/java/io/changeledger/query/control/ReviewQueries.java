package io.changeledger.query.control;

import io.changeledger.events.change.ChangeKind;
import io.changeledger.query.change.ChangeStatus;
import io.changeledger.query.jdbc.Paging;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.web.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Component
class ReviewQueries {

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final Clock clock;

    ReviewQueries(JdbcClient jdbc, Snapshot snapshot, Clock clock) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.clock = clock;
    }

    /**
     * A review is overdue once the ledger says so, or once its deadline has passed: the ledger records it as
     * overdue only when its own check notices, and an auditor asking before that must not be told all is well.
     */
    Page<OverdueReview> handle(FindOverdueReviewsQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Page<OverdueReview> answer(FindOverdueReviewsQuery query) {
        Instant now = clock.instant();
        Params params = new Params();
        params.time("now", now);
        List<String> conditions = new ArrayList<>(List.of("c.review_status = 'OPEN'",
                "(c.review_overdue or c.review_due_at < :now)"));
        if (query.service() != null) {
            conditions.add("c.service = :service");
            params.text("service", query.service());
        }
        if (query.environment() != null) {
            conditions.add("c.environment = :environment");
            params.text("environment", query.environment());
        }
        String from = " from production_change c where " + String.join(" and ", conditions);
        return Paging.page(jdbc, "c.*", from, "c.review_due_at, c.global_sequence", params, query.page(),
                query.size(), (rs, row) -> {
                    Instant dueAt = Rows.instant(rs, "review_due_at");
                    Duration overdueBy = dueAt.isBefore(now) ? Duration.between(dueAt, now) : Duration.ZERO;
                    return new OverdueReview(rs.getString("change_id"),
                            Rows.enumeration(rs, "kind", ChangeKind.class),
                            rs.getString("service"), rs.getString("environment"), rs.getString("requester"),
                            rs.getBoolean("emergency"), Rows.enumeration(rs, "status", ChangeStatus.class),
                            Rows.instant(rs, "occurred_at"), dueAt, overdueBy, rs.getBoolean("review_overdue"));
                });
    }
}
