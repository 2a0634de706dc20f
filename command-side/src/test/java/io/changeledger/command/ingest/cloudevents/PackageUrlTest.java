package io.changeledger.command.ingest.cloudevents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The purl of a CDEvents artifactId, read as the purl specification parses it. */
class PackageUrlTest {

    @ParameterizedTest
    @CsvSource({
            "pkg:maven/org/app@1.2.3, maven, org/app, 1.2.3",
            "pkg:maven/org.apache.commons/io@2.16.1?type=jar#src/main, maven, org.apache.commons/io, 2.16.1",
            "pkg:npm/%40angular/animation@12.3.1, npm, %40angular/animation, 12.3.1",
            "pkg:golang/google.golang.org/genproto#googleapis/api/annotations, golang, google.golang.org/genproto,",
            "pkg:oci/debian@sha256%3A244fd47e07d10?repository_url=docker.io/library/debian&tag=latest, oci, debian,"
                    + " sha256:244fd47e07d10",
            "pkg:gem/ruby-advisory-db-check@0.12.4, gem, ruby-advisory-db-check, 0.12.4",
            "PKG:PyPI/django@1.11.1, pypi, django, 1.11.1",
            "pkg://generic/openssl@1.1.10g, generic, openssl, 1.1.10g",
            "pkg:generic/app@1.0%2Bbuild.7, generic, app, 1.0+build.7"
    })
    void readsTypeNameAndVersion(String purl, String type, String name, String version) {
        PackageUrl parsed = PackageUrl.parse("artifactId", purl);

        assertThat(parsed.type()).isEqualTo(type);
        assertThat(parsed.name()).isEqualTo(name);
        assertThat(parsed.version()).isEqualTo(version);
    }

    @Test
    void takesADigestVersionAsDigestAndItsHexAsSha256() {
        PackageUrl oci = PackageUrl.parse("artifactId",
                "pkg:oci/myapp@sha256%3A0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427");

        assertThat(oci.digest())
                .isEqualTo("sha256:0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427");
        assertThat(oci.sha256()).isEqualTo("0b31b1c02ff458ad9b7b81cbdf8f028bd54699fa151f221d1e8de6817db93427");
    }

    @Test
    void takesNoDigestFromAnOrdinaryVersion() {
        PackageUrl maven = PackageUrl.parse("artifactId", "pkg:maven/org/app@1.2.3");

        assertThat(maven.digest()).isNull();
        assertThat(maven.sha256()).isNull();
        assertThat(PackageUrl.parse("artifactId", "pkg:oci/app@sha512%3Aabc").sha256()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "myapp@1.2.3 | it does not start with pkg:",
            "pkg:myapp | it has no type",
            "pkg:/myapp@1 | it has no type",
            "pkg:1maven/org/app@1 | it has no type",
            "pkg:maven/@1.2.3 | it has no name",
            "pkg:maven/app@1.2%3 | its version has a % that two hexadecimal digits do not follow",
            "pkg:maven/app@%FF | its version percent-encodes bytes that are not UTF-8"
    })
    void refusesWhatIsNoPackageUrl(String purl, String why) {
        assertThatThrownBy(() -> PackageUrl.parse("data.subject.content.artifactId", purl))
                .isInstanceOf(CloudEventException.class)
                .hasMessage("data.subject.content.artifactId '" + purl + "' is not a package URL"
                        + " (pkg:type/namespace/name@version): " + why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkg:maven/app@", "pkg:maven/app"})
    void readsAnEmptyVersionAsNone(String purl) {
        assertThat(PackageUrl.parse("artifactId", purl).version()).isNull();
    }
}
