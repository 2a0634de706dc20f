package io.changeledger.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class AdminTokenTest {

    @Test
    void makesATokenAtTheFirstStartToShowOnceAndKeepsOnlyItsHash(@TempDir Path dataDir) throws Exception {
        EmbeddedChangeLedger.AdminToken first = EmbeddedChangeLedger.adminToken(dataDir, null);
        EmbeddedChangeLedger.AdminToken second = EmbeddedChangeLedger.adminToken(dataDir, "");

        assertThat(first.printOnce()).startsWith("cla_").hasSizeGreaterThan(40);
        assertThat(first.variable()).isEqualTo("CHANGELEDGER_ADMIN_TOKEN_SHA256");
        assertThat(first.value()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(first.printOnce().getBytes(StandardCharsets.UTF_8))));
        assertThat(Files.readString(dataDir.resolve("admin-token.sha256"))).doesNotContain(first.printOnce());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("admin-token.sha256"))))
                .isEqualTo("rw-------");
        assertThat(second.printOnce()).as("shown at the first start only").isNull();
        assertThat(second.value()).isEqualTo(first.value());
    }

    @Test
    void takesTheTokenGivenInTheEnvironment(@TempDir Path dataDir) throws Exception {
        EmbeddedChangeLedger.AdminToken given = EmbeddedChangeLedger.adminToken(dataDir, "given-token");

        assertThat(given.variable()).isEqualTo("CHANGELEDGER_ADMIN_TOKEN");
        assertThat(given.value()).isEqualTo("given-token");
        assertThat(given.printOnce()).isNull();
        assertThat(dataDir.resolve("admin-token.sha256")).doesNotExist();
    }
}
