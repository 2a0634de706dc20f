package io.changeledger.query.report;

import java.util.List;
import java.util.Map;

/**
 * Which framework controls each check of a report evidences, in the mapping version the report used.
 *
 * @param controls check name to control references, e.g. {@code SOC2 CC8.1}
 */
public record Mapping(String version, Map<String, List<String>> controls) {
}
