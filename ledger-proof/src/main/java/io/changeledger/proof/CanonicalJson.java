package io.changeledger.proof;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme: object members sorted by the UTF-16 code units of their names, no
 * white space, strings escaped as ECMAScript's JSON.stringify does, numbers as IEEE 754 doubles printed by
 * ECMAScript's Number.prototype.toString. Two JSON texts with the same values give the same bytes, so a hash
 * over them does not depend on which side, library or field order wrote the JSON.
 */
public final class CanonicalJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final long MAX_EXACT_INTEGER = 1L << 53;

    private CanonicalJson() {
    }

    /** @throws IllegalArgumentException if the bytes are not one JSON value, or hold a value JCS cannot express */
    public static byte[] canonicalize(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        return canonicalize(node);
    }

    /** @throws IllegalArgumentException if the tree holds a value JCS cannot express (NaN, a lone surrogate) */
    public static byte[] canonicalize(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
            // String.compareTo compares UTF-16 code units, which is the order RFC 8785 section 3.2.3 asks for
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(members.get(i).getKey(), out);
                out.append(':');
                write(members.get(i).getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isString()) {
            string(node.stringValue(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNumber()) {
            number(node, out);
        } else {
            throw new IllegalArgumentException("JSON has no " + node.getNodeType() + " value");
        }
    }

    private static void number(JsonNode node, StringBuilder out) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            long value = node.longValue();
            if (Math.abs(value) <= MAX_EXACT_INTEGER) {
                out.append(value);
                return;
            }
        }
        out.append(ecmaScript(node.doubleValue()));
    }

    /** ECMAScript's Number.prototype.toString (ECMA-262 section 7.1.12.1) for a finite double. */
    static String ecmaScript(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no number " + value);
        }
        if (value == 0) {
            return "0";
        }
        String sign = value < 0 ? "-" : "";
        BigDecimal decimal = shortest(Math.abs(value));
        String digits = decimal.unscaledValue().toString();
        int k = digits.length();
        int n = k - decimal.scale();
        StringBuilder out = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int exponent = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(exponent > 0 ? '+' : '-').append(Math.abs(exponent));
        }
        return out.toString();
    }

    /**
     * The fewest significant digits that read back as the same double, the closest such if two qualify, as
     * ECMA-262 asks. Not Double.toString alone: before Java 19 (JDK-4511638) it sometimes prints more digits than
     * needed, or the wrong ones (4.9E-324 for 5e-324, 9.999999999999999E22 for 1e+23), and a leaf hash must not
     * depend on the Java version of whoever computed it.
     */
    private static BigDecimal shortest(double positive) {
        BigDecimal exact = new BigDecimal(positive);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal down = exact.round(new MathContext(digits, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(digits, RoundingMode.CEILING));
            boolean downReadsBack = Double.parseDouble(down.toString()) == positive;
            boolean upReadsBack = Double.parseDouble(up.toString()) == positive;
            if (downReadsBack && upReadsBack && !down.equals(up)) {
                int closer = exact.subtract(down).compareTo(up.subtract(exact));
                boolean downIsEven = !down.unscaledValue().testBit(0);
                return (closer < 0 || closer == 0 && downIsEven ? down : up).stripTrailingZeros();
            }
            if (downReadsBack) {
                return down.stripTrailingZeros();
            }
            if (upReadsBack) {
                return up.stripTrailingZeros();
            }
        }
        return new BigDecimal(Double.toString(positive)).stripTrailingZeros();
    }

    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("a string holds a lone surrogate at position " + i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
