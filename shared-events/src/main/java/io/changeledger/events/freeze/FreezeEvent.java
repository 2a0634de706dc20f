package io.changeledger.events.freeze;

import io.changeledger.events.LedgerEvent;

/** The stream of change freezes; its aggregate is the freeze, keyed by freeze id. */
public sealed interface FreezeEvent extends LedgerEvent permits ChangeFreezeDeclared, ChangeFreezeLifted {

    String freezeId();

    @Override
    default String aggregateId() {
        return freezeId();
    }
}
