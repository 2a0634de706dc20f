package io.changeledger.query.report;

import io.changeledger.query.web.Problems;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The versioned framework mappings under {@code mappings/<version>.json}. They are data rather than code so that a
 * new edition of a framework is a new file: a report of last year asked again with the version it stated maps its
 * checks exactly as it did then.
 */
@Component
class FrameworkMappings {

    /** "2025.1" before "2025.2" before "2026.1", and "2026.10" after "2026.9". */
    static final Comparator<String> VERSION_ORDER = Comparator
            .comparingInt((String version) -> part(version, 0)).thenComparingInt(version -> part(version, 1))
            .thenComparing(Comparator.naturalOrder());

    private final Map<String, MappingFile> versions = new TreeMap<>(VERSION_ORDER);
    private final String current;

    FrameworkMappings(ReportProperties properties) {
        JsonMapper json = JsonMapper.builder().build();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:mappings/*.json")) {
                try (InputStream in = resource.getInputStream()) {
                    MappingFile file = json.readValue(in, MappingFile.class);
                    String expected = resource.getFilename().replaceFirst("\\.json$", "");
                    if (!expected.equals(file.version())) {
                        throw new IllegalStateException("mapping " + resource + " says it is version "
                                + file.version() + "; its file name says " + expected);
                    }
                    versions.put(file.version(), file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the framework mappings", e);
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no framework mapping under mappings/*.json");
        }
        String configured = properties.mappingVersion();
        if (configured != null && !configured.isBlank() && !versions.containsKey(configured)) {
            throw new IllegalStateException("changeledger.reports.mapping-version is " + configured
                    + ", which is not one of the mappings: " + String.join(", ", versions.keySet()));
        }
        current = configured == null || configured.isBlank()
                ? ((TreeMap<String, MappingFile>) versions).lastKey() : configured;
    }

    List<String> versions() {
        return List.copyOf(versions.keySet());
    }

    String current() {
        return current;
    }

    /** The version asked for, or the current one; an unknown version is the request's fault. */
    String resolve(String requested) {
        if (requested == null) {
            return current;
        }
        if (!versions.containsKey(requested)) {
            throw Problems.badParameter("mappingVersion", "Unknown mapping version '" + requested
                    + "': expected one of " + String.join(", ", versions.keySet()));
        }
        return requested;
    }

    /** The checks of one report in that version; a check the version does not map evidences no control. */
    Mapping of(String version, String report, List<String> checks) {
        Map<String, List<String>> all = versions.get(version).reports().getOrDefault(report, Map.of());
        Map<String, List<String>> controls = new LinkedHashMap<>();
        for (String check : checks) {
            controls.put(check, all.getOrDefault(check, List.of()));
        }
        return new Mapping(version, controls);
    }

    private static int part(String version, int index) {
        String[] parts = version.split("\\.");
        try {
            return index < parts.length ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private record MappingFile(String version, String description,
                               Map<String, Map<String, List<String>>> reports) {
    }
}
