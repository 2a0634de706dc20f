package io.changeledger.command.publication;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelEncodingTest {

    private final ParallelEncoding encoding = new ParallelEncoding(3);

    @AfterEach
    void close() {
        encoding.close();
    }

    @Test
    void keepsTheOrderOfTheItemsWhileEncodingThemOnSeveralThreads() {
        List<Integer> items = IntStream.range(0, 100).boxed().toList();
        Set<String> threads = ConcurrentHashMap.newKeySet();

        List<String> encoded = encoding.encode(items, item -> {
            threads.add(Thread.currentThread().getName());
            return "#" + item;
        });

        assertThat(encoded).containsExactlyElementsOf(items.stream().map(item -> "#" + item).toList());
        assertThat(threads).hasSize(3).contains(Thread.currentThread().getName());
    }

    @Test
    void encodesFewerItemsThanThreadsAndNoneAtAll() {
        assertThat(encoding.encode(List.of(1, 2), item -> item * 10)).containsExactly(10, 20);
        assertThat(encoding.encode(List.<Integer>of(), item -> item * 10)).isEmpty();
    }

    @Test
    void passesOnTheFailureOfAnyShare() {
        List<Integer> items = IntStream.range(0, 30).boxed().toList();

        assertThatThrownBy(() -> encoding.encode(items, item -> {
            if (item == 29) {
                throw new IllegalArgumentException("event 29 does not serialise");
            }
            return item;
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("event 29 does not serialise");
    }
}
