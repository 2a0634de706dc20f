package io.changeledger.query.report;

import io.changeledger.query.web.Problems;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The buckets of a DORA report: ISO weeks (Monday to Monday) or calendar months, in UTC. */
enum Granularity {
    WEEK, MONTH;

    /** Ten years of weeks. */
    static final int MAX_BUCKETS = 530;

    static Granularity parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.badParameter("granularity", "Invalid value '" + value
                    + "' for parameter 'granularity': expected week or month");
        }
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** PostgreSQL's {@code date_trunc} field, which starts weeks on Monday as ISO 8601 does. */
    String field() {
        return label();
    }

    LocalDate start(Instant instant) {
        LocalDate day = instant.atOffset(ZoneOffset.UTC).toLocalDate();
        return this == WEEK ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
    }

    LocalDate next(LocalDate start) {
        return this == WEEK ? start.plusWeeks(1) : start.plusMonths(1);
    }

    /** {@code 2026-W48} or {@code 2026-11}. */
    String name(LocalDate start) {
        return this == WEEK
                ? "%d-W%02d".formatted(start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
                : "%d-%02d".formatted(start.getYear(), start.getMonthValue());
    }

    /** The starts of the buckets that overlap [from, to). */
    List<LocalDate> buckets(Instant from, Instant to) {
        List<LocalDate> starts = new ArrayList<>();
        for (LocalDate start = start(from); start.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(to)
                && starts.size() <= MAX_BUCKETS; start = next(start)) {
            starts.add(start);
        }
        return starts;
    }
}
