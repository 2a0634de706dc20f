package io.changeledger.query.change;

import java.util.List;

public record ChangePage(List<ChangeView> items, int page, int size, long totalItems) {
}
