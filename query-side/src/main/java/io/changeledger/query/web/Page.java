package io.changeledger.query.web;

import java.util.List;

/** One page of a list, newest first unless the endpoint says otherwise. */
public record Page<T>(List<T> items, int page, int size, long totalItems) {
}
