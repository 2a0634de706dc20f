package io.changeledger.query.jdbc;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * Runs the several statements of one answer against one snapshot of the read models. Without it, a change's row
 * could be read before a batch commits and its history after, and the answer would contradict itself.
 */
@Component
public class Snapshot {

    private final TransactionTemplate transaction;

    Snapshot(PlatformTransactionManager transactionManager) {
        transaction = new TransactionTemplate(transactionManager);
        transaction.setReadOnly(true);
        transaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    public <T> T read(Supplier<T> answer) {
        return transaction.execute(status -> answer.get());
    }
}
