package io.changeledger.command.source;

import io.changeledger.events.source.SourceKind;
import io.changeledger.events.source.SourceScope;

/** A registered, enabled source, once it has proved who it is. */
public record Source(String name, SourceKind kind, SourceScope scope, int ratePerSecond) {
}
