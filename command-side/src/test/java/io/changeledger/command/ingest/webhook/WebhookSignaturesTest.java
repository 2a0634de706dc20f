package io.changeledger.command.ingest.webhook;

import org.junit.jupiter.api.Test;

import static io.changeledger.command.ingest.webhook.WebhookFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** The HMACs GitHub and HCP Terraform sign deliveries with, checked against published vectors. */
class WebhookSignaturesTest {

    /** GitHub's own example in "Validating webhook deliveries". */
    private static final byte[] GITHUB_SECRET = utf8("It's a Secret to Everybody");
    private static final byte[] GITHUB_PAYLOAD = utf8("Hello, World!");
    private static final String GITHUB_SIGNATURE =
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    /** RFC 4231, test case 2. */
    private static final byte[] RFC_KEY = utf8("Jefe");
    private static final byte[] RFC_DATA = utf8("what do ya want for nothing?");
    private static final String RFC_SHA512 = "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
            + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737";
    private static final String RFC_SHA256 = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    @Test
    void acceptsGitHubsDocumentedExampleSignature() {
        assertThat(WebhookSignatures.gitHub(GITHUB_SECRET, GITHUB_PAYLOAD, GITHUB_SIGNATURE)).isTrue();
    }

    @Test
    void acceptsTheRfc4231VectorsForBothAlgorithms() {
        assertThat(WebhookSignatures.gitHub(RFC_KEY, RFC_DATA, "sha256=" + RFC_SHA256)).isTrue();
        assertThat(WebhookSignatures.terraform(RFC_KEY, RFC_DATA, RFC_SHA512)).isTrue();
    }

    @Test
    void acceptsHexInEitherCase() {
        assertThat(WebhookSignatures.gitHub(GITHUB_SECRET, GITHUB_PAYLOAD, GITHUB_SIGNATURE.toUpperCase()))
                .isTrue();
        assertThat(WebhookSignatures.terraform(RFC_KEY, RFC_DATA, RFC_SHA512.toUpperCase())).isTrue();
    }

    @Test
    void refusesASignatureOfAnotherBody() {
        assertThat(WebhookSignatures.gitHub(GITHUB_SECRET, utf8("Hello, World?"), GITHUB_SIGNATURE)).isFalse();
        assertThat(WebhookSignatures.terraform(RFC_KEY, utf8("what do ya want for something?"), RFC_SHA512))
                .isFalse();
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() {
        assertThat(WebhookSignatures.gitHub(utf8("It's a Secret to Nobody"), GITHUB_PAYLOAD, GITHUB_SIGNATURE))
                .isFalse();
        assertThat(WebhookSignatures.terraform(utf8("Jeff"), RFC_DATA, RFC_SHA512)).isFalse();
    }

    @Test
    void refusesAGitHubSignatureWithoutItsAlgorithmPrefixOrWithTheOldSha1One() {
        assertThat(WebhookSignatures.gitHub(GITHUB_SECRET, GITHUB_PAYLOAD, GITHUB_SIGNATURE.substring(7)))
                .isFalse();
        assertThat(WebhookSignatures.gitHub(GITHUB_SECRET, GITHUB_PAYLOAD, "sha1=" + GITHUB_SIGNATURE.substring(7)))
                .isFalse();
    }

    @Test
    void refusesTheRightAlgorithmsMacForTheOtherVendor() {
        assertThat(WebhookSignatures.terraform(RFC_KEY, RFC_DATA, RFC_SHA256)).isFalse();
        assertThat(WebhookSignatures.gitHub(RFC_KEY, RFC_DATA, "sha256=" + RFC_SHA512)).isFalse();
    }

    @Test
    void refusesATruncatedOrMalformedSignatureOrNone() {
        assertThat(WebhookSignatures.gitHub(GITHUB_SECRET, GITHUB_PAYLOAD, GITHUB_SIGNATURE.substring(0, 40)))
                .isFalse();
        assertThat(WebhookSignatures.gitHub(GITHUB_SECRET, GITHUB_PAYLOAD, "sha256=not-hex")).isFalse();
        assertThat(WebhookSignatures.gitHub(GITHUB_SECRET, GITHUB_PAYLOAD, "sha256=")).isFalse();
        assertThat(WebhookSignatures.gitHub(GITHUB_SECRET, GITHUB_PAYLOAD, null)).isFalse();
        assertThat(WebhookSignatures.terraform(RFC_KEY, RFC_DATA, "")).isFalse();
        assertThat(WebhookSignatures.terraform(RFC_KEY, RFC_DATA, null)).isFalse();
    }
}
