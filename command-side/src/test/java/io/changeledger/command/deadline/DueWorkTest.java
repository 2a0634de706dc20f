package io.changeledger.command.deadline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class DueWorkTest {

    /** Ids due, as the lookup holds them: what was worked on is no longer due. */
    private final TreeSet<String> due = IntStream.range(0, 1_234).mapToObj(i -> String.format("id-%05d", i))
            .collect(Collectors.toCollection(TreeSet::new));
    private final List<String> worked = new ArrayList<>();

    private List<String> firstDue(int limit) {
        return due.stream().limit(limit).toList();
    }

    @Test
    void worksThroughEverythingDueInOneRoundBatchAfterBatch() {
        int done = DueWork.drain(this::firstDue, id -> {
            worked.add(id);
            due.remove(id);
        }, "expire");

        assertThat(done).isEqualTo(1_234);
        assertThat(worked).hasSize(1_234).doesNotHaveDuplicates();
        assertThat(due).isEmpty();
    }

    @Test
    void endsTheRoundAtTheFirstFailureAndLeavesTheRestForTheNext() {
        int done = DueWork.drain(this::firstDue, id -> {
            if (id.equals("id-00700")) {
                throw new IllegalStateException("optimistic locking failure");
            }
            worked.add(id);
            due.remove(id);
        }, "expire");

        assertThat(done).isEqualTo(700);
        assertThat(due).hasSize(534).first().isEqualTo("id-00700");
    }

    @Test
    void boundsARoundWhoseWorkChangesNothingTheLookupSees() {
        int done = DueWork.drain(this::firstDue, worked::add, "expire");

        assertThat(done).isEqualTo(DueWork.BATCH * DueWork.MAX_BATCHES_PER_ROUND);
        assertThat(due).hasSize(1_234);
    }
}
