package io.changeledger.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchAnswerTest {

    @Test
    void readsTheCountsOfABatchAnswer() {
        BatchAnswer answer = BatchAnswer.parse("""
                {"recorded":2,"duplicates":1,"rejected":0,"results":[\
                {"index":0,"status":"RECORDED","id":"c-1","existing":false},\
                {"index":1,"status":"DUPLICATE","id":"c-0"},\
                {"index":2,"status":"RECORDED","id":"c-2","existing":false}]}""");

        assertThat(answer).isEqualTo(new BatchAnswer(2, 1, 0, java.util.List.of()));
        assertThat(answer.answered()).isEqualTo(3);
    }

    @Test
    void readsTheCountsInAnyOrderAndWithWhitespace() {
        BatchAnswer answer = BatchAnswer.parse("""
                { "results" : [ ], "rejected" : 0, "recorded" : 0, "duplicates" : 0 }""");

        assertThat(answer.answered()).isZero();
    }

    @Test
    void keepsTheFirstReasonsOfRejectedItems() {
        BatchAnswer answer = BatchAnswer.parse("""
                {"recorded":0,"duplicates":0,"rejected":4,"results":[\
                {"index":0,"status":"REJECTED","rejection":"INVALID","reason":"unknown type 'x'"},\
                {"index":1,"status":"REJECTED","rejection":"INVALID","reason":"say \\"recorded\\":9 again"},\
                {"index":2,"status":"REJECTED","rejection":"INVALID","reason":"third"},\
                {"index":3,"status":"REJECTED","rejection":"INVALID","reason":"fourth"}]}""");

        assertThat(answer.rejected()).isEqualTo(4);
        assertThat(answer.recorded()).isZero();
        assertThat(answer.reasons()).containsExactly("unknown type 'x'", "say \"recorded\":9 again", "third");
    }

    @Test
    void refusesABodyThatIsNoBatchAnswer() {
        assertThatThrownBy(() -> BatchAnswer.parse("""
                {"type":"about:blank","title":"Unauthorized","status":401}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a batch answer");
    }

    @Test
    void readsRetryAfterInSecondsAndNothingElse() {
        assertThat(BatchAnswer.retryAfterSeconds("3")).hasValue(3);
        assertThat(BatchAnswer.retryAfterSeconds(" 0 ")).hasValue(0);
        assertThat(BatchAnswer.retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT")).isEmpty();
        assertThat(BatchAnswer.retryAfterSeconds(null)).isEmpty();
    }
}
