package io.changeledger.proof;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalJsonTest {

    private static String canonical(String json) {
        return new String(CanonicalJson.canonicalize(json.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void canonicalizesTheSampleOfRfc8785Section3() {
        String input = """
                {
                  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
                  "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
                  "literals": [null, true, false]
                }""";
        assertThat(canonical(input)).isEqualTo(
                "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                        + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void writesTheSampleAsTheUtf8BytesOfSection324() {
        byte[] bytes = CanonicalJson.canonicalize("{\"string\":\"\\u20ac$\"}".getBytes(StandardCharsets.UTF_8));
        // the euro sign leaves as its three UTF-8 bytes, never as an escape
        assertThat(bytes).containsSequence(0x22, 0xe2, 0x82, 0xac, 0x24, 0x22);
    }

    @Test
    void sortsPropertiesByUtf16CodeUnitsAsInTheRfcExample() {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }""";
        Map<String, Object> sorted = new LinkedHashMap<>();
        JsonMapper.builder().build().readTree(canonical(input)).properties()
                .forEach(member -> sorted.put(member.getKey(), member.getValue().stringValue()));
        assertThat(new ArrayList<>(sorted.values())).containsExactly(
                "Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign",
                "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh");
        assertThat(canonical(input)).startsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"");
    }

    @Test
    void sortsNestedObjectsAndKeepsArrayOrder() {
        assertThat(canonical("{\"b\":{\"z\":1,\"a\":[3,1,{\"y\":0,\"x\":0}]},\"a\":\"\"}"))
                .isEqualTo("{\"a\":\"\",\"b\":{\"a\":[3,1,{\"x\":0,\"y\":0}],\"z\":1}}");
    }

    @Test
    void escapesOnlyWhatJsonStringifyEscapes() {
        assertThat(canonical("\"\\b\\f\\n\\r\\t\\u0000\\u001f\\u007f\\\"\\\\\\/\\u00e9\\ud83d\\ude00\""))
                .isEqualTo("\"\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\\\"\\\\/\u00e9\ud83d\ude00\"");
    }

    @Test
    void refusesALoneSurrogate() {
        assertThatThrownBy(() -> canonical("\"\\ud800\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> canonical("{\"\\udfff\":1}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatThrownBy(() -> canonical("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesNumbersJsonCannotHold() {
        assertThatThrownBy(() -> CanonicalJson.ecmaScript(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.ecmaScript(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.canonicalize(JsonNodeFactory.instance.numberNode(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesIntegersAsDigitsAndLargerOnesAsDoubles() {
        assertThat(canonical("[0,-0,-7,1700000000000,9007199254740992,9007199254740993,1e2,1.0,-0.0]"))
                .isEqualTo("[0,0,-7,1700000000000,9007199254740992,9007199254740992,100,1,0]");
    }

    /**
     * RFC 8785 Appendix B, every value, including the three that Java 17's Double.toString alone gets wrong
     * (5e-324, -5e-324 and 1e+23; JDK-4511638, fixed in Java 19).
     */
    @Test
    void serialisesTheNumbersOfAppendixB() {
        Map<String, String> table = new LinkedHashMap<>();
        table.put("0000000000000000", "0");
        table.put("8000000000000000", "0");
        table.put("0000000000000001", "5e-324");
        table.put("8000000000000001", "-5e-324");
        table.put("7fefffffffffffff", "1.7976931348623157e+308");
        table.put("ffefffffffffffff", "-1.7976931348623157e+308");
        table.put("4340000000000000", "9007199254740992");
        table.put("c340000000000000", "-9007199254740992");
        table.put("4430000000000000", "295147905179352830000");
        table.put("44b52d02c7e14af5", "9.999999999999997e+22");
        table.put("44b52d02c7e14af6", "1e+23");
        table.put("44b52d02c7e14af7", "1.0000000000000001e+23");
        table.put("444b1ae4d6e2ef4e", "999999999999999700000");
        table.put("444b1ae4d6e2ef4f", "999999999999999900000");
        table.put("444b1ae4d6e2ef50", "1e+21");
        table.put("3eb0c6f7a0b5ed8c", "9.999999999999997e-7");
        table.put("3eb0c6f7a0b5ed8d", "0.000001");
        table.put("41b3de4355555553", "333333333.3333332");
        table.put("41b3de4355555554", "333333333.33333325");
        table.put("41b3de4355555555", "333333333.3333333");
        table.put("41b3de4355555556", "333333333.3333334");
        table.put("41b3de4355555557", "333333333.33333343");
        table.put("becbf647612f3696", "-0.0000033333333333333333");
        table.put("43143ff3c1cb0959", "1424953923781206.2");
        List<String> wrong = new ArrayList<>();
        table.forEach((bits, expected) -> {
            String actual = CanonicalJson.ecmaScript(Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16)));
            if (!actual.equals(expected)) {
                wrong.add(bits + ": " + actual + " instead of " + expected);
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void refusesTheNonFiniteValuesOfAppendixB() {
        for (String bits : List.of("7fffffffffffffff", "7ff0000000000000")) {
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
            assertThatThrownBy(() -> CanonicalJson.ecmaScript(value)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void givesTheSameBytesWhateverTheMemberOrderAndWhiteSpace() {
        assertThat(canonical("{ \"type\" : \"x\", \"id\":1 ,\"payload\":{\"b\":true,\"a\":null}}"))
                .isEqualTo(canonical("{\"payload\":{\"a\":null,\"b\":true},\"id\":1,\"type\":\"x\"}"));
    }

    @Test
    void everyNumberReadsBackAsTheSameDoubleInNoMoreDigitsThanJavaPrints() {
        java.util.Random random = new java.util.Random(8785);
        for (int i = 0; i < 20_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            String ecma = CanonicalJson.ecmaScript(value);
            assertThat(Double.parseDouble(ecma)).as(ecma).isEqualTo(value == 0 ? 0.0 : value);
            assertThat(significantDigits(ecma)).as("%s against %s", ecma, Double.toString(value))
                    .isLessThanOrEqualTo(significantDigits(Double.toString(value)));
        }
    }

    private static int significantDigits(String number) {
        String mantissa = number.replaceFirst("[eE].*", "").replace("-", "").replace(".", "");
        return new java.math.BigDecimal(mantissa).stripTrailingZeros().precision();
    }
}
