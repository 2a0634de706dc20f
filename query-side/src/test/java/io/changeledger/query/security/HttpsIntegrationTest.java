package io.changeledger.query.security;

import io.changeledger.query.Infrastructure;
import io.changeledger.query.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTPS for the API as the README tells an operator to turn it on: a PEM certificate and key named by
 * {@code SERVER_SSL_CERTIFICATE} and {@code SERVER_SSL_CERTIFICATE_PRIVATE_KEY} (here their property names). The
 * port then speaks TLS only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(Infrastructure.class)
class HttpsIntegrationTest {

    private static final Path TLS = Path.of("target", "https-test").toAbsolutePath();

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        certificate();
        registry.add("server.ssl.certificate", () -> TLS.resolve("tls.crt").toString());
        registry.add("server.ssl.certificate-private-key", () -> TLS.resolve("tls.key").toString());
    }

    @LocalServerPort
    private int port;

    @Test
    void answersOverTlsWithTheConfiguredCertificate() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(TLS.resolve("tls.crt"))).build();

        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + port + "/api/v1/changes"))
                .header("Authorization", "Bearer " + TestCredentials.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.sslSession()).hasValueSatisfying(session ->
                assertThat(session.getProtocol()).startsWith("TLSv1."));
    }

    @Test
    void refusesAClientThatDoesNotTrustTheCertificate() {
        HttpClient client = HttpClient.newHttpClient();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void answersNoPlainHttpOnTheTlsPort() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest plain = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/changes"))
                .header("Authorization", "Bearer " + TestCredentials.ADMIN_TOKEN).build();

        // Tomcat answers a plain request on a TLS port with 400 or closes the connection; never with the data
        Object outcome;
        try {
            HttpResponse<String> answer = client.send(plain, HttpResponse.BodyHandlers.ofString());
            outcome = answer.body().contains("\"items\"") ? "data" : answer.statusCode();
        } catch (IOException closed) {
            outcome = "closed";
        }
        assertThat(outcome).isIn(400, "closed");
    }

    /** A self-signed certificate for localhost and its key, in PEM, made by openssl. */
    private static void certificate() throws Exception {
        Files.createDirectories(TLS);
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", TLS.resolve("tls.key").toString(),
                "-out", TLS.resolve("tls.crt").toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost").redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor()).as(output).isZero();
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("changeledger", CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
