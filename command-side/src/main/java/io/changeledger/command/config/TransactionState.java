package io.changeledger.command.config;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Supplier;

/**
 * What a component keeps for the current transaction, under a key of its own, until that transaction ends: what it
 * must see again later in the same transaction, or write just before it commits.
 */
public final class TransactionState {

    private TransactionState() {
    }

    /** @return what the current transaction keeps under the key; null outside a transaction or if it keeps none */
    @SuppressWarnings("unchecked")
    public static <T> T get(Object key) {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (T) TransactionSynchronizationManager.getResource(key) : null;
    }

    /**
     * What the current transaction keeps under the key, made on first use; then {@code beforeCommit} runs before the
     * transaction commits, and the state is dropped when it ends, committed or not.
     *
     * @return null outside a transaction
     */
    public static <T> T getOrCreate(Object key, Supplier<T> create, Runnable beforeCommit) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        T state = get(key);
        if (state == null) {
            state = create.get();
            TransactionSynchronizationManager.bindResource(key, state);
            // a Runnable, not a method of the component: TransactionSynchronization has methods of its own (flush)
            // that a call from inside an anonymous one would silently resolve to
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    beforeCommit.run();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
        }
        return state;
    }
}
