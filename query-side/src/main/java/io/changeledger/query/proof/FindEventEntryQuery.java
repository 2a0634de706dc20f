package io.changeledger.query.proof;

import java.util.UUID;

record FindEventEntryQuery(UUID eventId) {
}
