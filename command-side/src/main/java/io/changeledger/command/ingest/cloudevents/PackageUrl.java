package io.changeledger.command.ingest.cloudevents;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a package URL (purl, {@code pkg:type/namespace/name@version?qualifiers#subpath}) that a deployment
 * needs, parsed as the purl specification's algorithm does: subpath and qualifiers cut from the right, the version
 * after the last {@code @}.
 *
 * @param version percent-decoded; null when the purl has none
 */
record PackageUrl(String type, String name, String version) {

    // the OCI image-spec digest grammar, as the ledger's deployments take it: algorithm ":" encoded
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern SHA256 = Pattern.compile("sha256:([0-9a-f]{64})");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z.+-][A-Za-z0-9.+-]*");

    /** @param field where the purl was found, for the reason */
    static PackageUrl parse(String field, String purl) {
        String rest = purl;
        int cut = rest.indexOf('#');
        rest = cut < 0 ? rest : rest.substring(0, cut);
        cut = rest.indexOf('?');
        rest = cut < 0 ? rest : rest.substring(0, cut);
        if (!rest.regionMatches(true, 0, "pkg:", 0, 4)) {
            throw invalid(field, purl, "it does not start with pkg:");
        }
        rest = strip(rest.substring(4));
        cut = rest.indexOf('/');
        if (cut <= 0 || !TYPE.matcher(rest.substring(0, cut)).matches()) {
            throw invalid(field, purl, "it has no type");
        }
        String type = rest.substring(0, cut).toLowerCase(Locale.ROOT);
        rest = rest.substring(cut + 1);
        String version = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            version = decode(field, purl, rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        String name = strip(rest);
        if (name.isEmpty()) {
            throw invalid(field, purl, "it has no name");
        }
        return new PackageUrl(type, name, version == null || version.isEmpty() ? null : version);
    }

    /** The version when it is a content digest ({@code sha256:…}), as OCI images are addressed; null otherwise. */
    String digest() {
        return version != null && DIGEST.matcher(version).matches() ? version : null;
    }

    /** The hex SHA-256 of what the purl names, when its version is a SHA-256 digest; null otherwise. */
    String sha256() {
        Matcher sha256 = version == null ? null : SHA256.matcher(version);
        return sha256 != null && sha256.matches() ? sha256.group(1) : null;
    }

    private static String strip(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    private static String decode(String field, String purl, String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        int i = 0;
        while (i < encoded.length()) {
            int percent = encoded.indexOf('%', i);
            int end = percent < 0 ? encoded.length() : percent;
            bytes.writeBytes(encoded.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            int high = percent + 2 < encoded.length() ? hex(encoded.charAt(percent + 1)) : -1;
            int low = high < 0 ? -1 : hex(encoded.charAt(percent + 2));
            if (low < 0) {
                throw invalid(field, purl, "its version has a % that two hexadecimal digits do not follow");
            }
            bytes.write(high << 4 | low);
            i = percent + 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw invalid(field, purl, "its version percent-encodes bytes that are not UTF-8");
        }
    }

    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    private static CloudEventException invalid(String field, String purl, String why) {
        return new CloudEventException(field, field + " '" + Attributes.clip(purl) + "' is not a package URL"
                + " (pkg:type/namespace/name@version): " + why);
    }
}
