package io.changeledger.command.security;

import io.changeledger.command.source.Source;
import io.changeledger.security.Caller;
import io.changeledger.security.Role;

/** A registered source calling with its credential: role ingest, within its scope. */
public final class SourceCaller extends Caller {

    private final Source source;

    SourceCaller(Source source) {
        super(source.name(), Role.INGEST);
        this.source = source;
    }

    public Source source() {
        return source;
    }
}
