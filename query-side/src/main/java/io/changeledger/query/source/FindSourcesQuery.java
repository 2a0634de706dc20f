package io.changeledger.query.source;

/** Every registered source, disabled ones included, by name: a registry is looked through by name. */
record FindSourcesQuery(int page, int size) {
}
