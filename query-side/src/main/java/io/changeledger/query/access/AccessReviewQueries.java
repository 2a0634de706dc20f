package io.changeledger.query.access;

import io.changeledger.events.access.AccessDecision;
import io.changeledger.query.jdbc.Paging;
import io.changeledger.query.jdbc.Params;
import io.changeledger.query.jdbc.Rows;
import io.changeledger.query.jdbc.Snapshot;
import io.changeledger.query.web.Page;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

@Component
class AccessReviewQueries {

    /**
     * A review is overdue once the ledger says so, or once its due date has passed while it is still open: the
     * ledger records it only when its own check notices.
     */
    private static final String SELECT = """
            r.*, r.completed_at is null and (r.overdue or r.due_at < :now) as overdue_now,
                (select count(*) from access_review_item i where i.review_id = r.review_id) as grant_count,
                (select count(*) from access_review_item i where i.review_id = r.review_id
                    and i.decision is null) as undecided_count""";

    private static final RowMapper<AccessReviewSummary> REVIEW = (rs, row) -> new AccessReviewSummary(
            rs.getString("review_id"), rs.getString("system"), rs.getString("reviewer"), Rows.instant(rs, "due_at"),
            rs.getString("started_by"), Rows.instant(rs, "started_at"), Rows.instant(rs, "recorded_at"),
            rs.getObject("completed_at") != null, Rows.instant(rs, "completed_at"), rs.getBoolean("overdue_now"),
            rs.getBoolean("overdue"), rs.getInt("grant_count"), rs.getInt("undecided_count"));

    private final JdbcClient jdbc;
    private final Snapshot snapshot;
    private final Clock clock;

    AccessReviewQueries(JdbcClient jdbc, Snapshot snapshot, Clock clock) {
        this.jdbc = jdbc;
        this.snapshot = snapshot;
        this.clock = clock;
    }

    Page<AccessReviewSummary> handle(FindAccessReviewsQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Page<AccessReviewSummary> answer(FindAccessReviewsQuery query) {
        Params params = new Params();
        params.time("now", clock.instant()).text("system", query.system());
        String from = " from access_review r" + (query.system() == null ? "" : " where r.system = :system");
        return Paging.page(jdbc, SELECT, from, "r.started_at desc, r.global_sequence desc", params, query.page(),
                query.size(), REVIEW);
    }

    Optional<AccessReviewView> handle(FindAccessReviewQuery query) {
        return snapshot.read(() -> answer(query));
    }

    private Optional<AccessReviewView> answer(FindAccessReviewQuery query) {
        Params params = new Params();
        params.time("now", clock.instant()).text("reviewId", query.reviewId());
        Optional<AccessReviewSummary> review = jdbc.sql("select " + SELECT
                        + " from access_review r where r.review_id = :reviewId")
                .paramSource(params).query(REVIEW).optional();
        if (review.isEmpty()) {
            return Optional.empty();
        }
        List<AccessReviewView.Item> items = jdbc.sql("""
                        select * from access_review_item where review_id = :reviewId order by position""")
                .paramSource(params)
                .query((rs, row) -> new AccessReviewView.Item(rs.getString("grant_id"), rs.getString("principal"),
                        rs.getString("role"), rs.getBoolean("privileged"),
                        Rows.enumeration(rs, "decision", AccessDecision.class), rs.getString("reviewer"),
                        rs.getString("notes"), Rows.instant(rs, "decided_at")))
                .list();
        return Optional.of(new AccessReviewView(review.get(), items));
    }
}
