package io.changeledger.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the batch API said about a batch: how many items it recorded, found duplicates of earlier ones, or rejected,
 * and why it rejected the first few. Read with regular expressions, like every answer the benchmark reads: the
 * counts are top-level fields, and a reason is a JSON string, in which a quote is always escaped, so a reason can
 * never look like a field.
 */
record BatchAnswer(int recorded, int duplicates, int rejected, List<String> reasons) {

    private static final Pattern RECORDED = count("recorded");
    private static final Pattern DUPLICATES = count("duplicates");
    private static final Pattern REJECTED = count("rejected");
    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final int REASONS_KEPT = 3;

    /** @throws IllegalArgumentException when the body lacks one of the counts */
    static BatchAnswer parse(String body) {
        List<String> reasons = new ArrayList<>();
        Matcher reason = REASON.matcher(body);
        while (reasons.size() < REASONS_KEPT && reason.find()) {
            reasons.add(reason.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return new BatchAnswer(find(RECORDED, body), find(DUPLICATES, body), find(REJECTED, body),
                List.copyOf(reasons));
    }

    int answered() {
        return recorded + duplicates + rejected;
    }

    /**
     * Seconds to wait before sending a batch again that was answered 429; the header is whole seconds by the
     * ledger's convention, an HTTP date is not expected from it.
     */
    static OptionalInt retryAfterSeconds(String header) {
        if (header == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Math.max(0, Integer.parseInt(header.strip())));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static Pattern count(String field) {
        return Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)");
    }

    private static int find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalArgumentException("not a batch answer: " + LedgerClient.brief(body));
        }
        return Integer.parseInt(matcher.group(1));
    }
}
