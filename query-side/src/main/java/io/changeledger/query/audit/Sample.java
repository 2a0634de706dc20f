package io.changeledger.query.audit;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.List;

/**
 * A reproducible sample of a population: the same seed, size, filters and {@code knownAt} give the same items in
 * the same order, on any machine, whenever asked.
 *
 * @param method          how the items were drawn, see {@link SampleMethod}
 * @param seedGenerated   whether the seed was drawn for this answer because none was given
 * @param size            the size asked for; fewer items if the population is smaller
 * @param populationCount the members of the population the sample was drawn from
 * @param knownAt         the population as the ledger knew it at this moment; the moment of the request unless
 *                        given, and the one to send again to draw the same sample later
 */
record Sample<T>(String method, String seed, boolean seedGenerated, int size, long populationCount, Instant knownAt,
                 List<Sampled<T>> items) implements Counted {

    @Override
    public int rowCount() {
        return items.size();
    }

    /**
     * @param rank      the item's place in the sample, from 1
     * @param sampleKey SHA-256 over the seed, a zero byte and the item's id, in hex: the order of the draw
     */
    record Sampled<T>(int rank, String sampleKey, @JsonUnwrapped T item) {
    }
}
