package io.changeledger.command.publication;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Maps a list on every core, keeping its order: the calling thread takes the first share, one worker per further
 * core the others. Its own pool, so that the publisher never waits behind other users of the common pool.
 */
@Component
class ParallelEncoding {

    private final int parallelism;
    private final ExecutorService workers;

    ParallelEncoding() {
        this(Runtime.getRuntime().availableProcessors());
    }

    ParallelEncoding(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, this.parallelism - 1), task -> {
            Thread thread = new Thread(task, "ledger-encoder-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    <T, R> List<R> encode(List<T> items, Function<? super T, ? extends R> encoder) {
        int shares = Math.min(parallelism, items.size());
        if (shares < 2) {
            return map(items, encoder);
        }
        int size = (items.size() + shares - 1) / shares;
        List<Future<List<R>>> others = new ArrayList<>();
        for (int from = size; from < items.size(); from += size) {
            List<T> share = items.subList(from, Math.min(items.size(), from + size));
            others.add(workers.submit(() -> map(share, encoder)));
        }
        List<R> encoded = new ArrayList<>(items.size());
        try {
            encoded.addAll(map(items.subList(0, size), encoder));
            for (Future<List<R>> other : others) {
                encoded.addAll(other.get());
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while encoding events", e);
        } finally {
            others.forEach(other -> other.cancel(true));
        }
        return encoded;
    }

    private static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> encoder) {
        List<R> mapped = new ArrayList<>(items.size());
        for (T item : items) {
            mapped.add(encoder.apply(item));
        }
        return mapped;
    }

    @PreDestroy
    void close() {
        workers.shutdownNow();
    }
}
