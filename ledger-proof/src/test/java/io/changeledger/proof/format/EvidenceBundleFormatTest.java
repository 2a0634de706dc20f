package io.changeledger.proof.format;

import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.Digest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceBundleFormatTest {

    private final GoldenExample example = new GoldenExample();

    private EvidenceBundle bundle() {
        return new EvidenceBundle(GoldenExample.ORIGIN, List.of(example.atTwo, example.atThree),
                List.of(example.entries.get(1)),
                List.of(new InclusionProof(1, 3, hex(example.tree.proofs().inclusion(1, 3)))),
                List.of(new ConsistencyProof(2, 3, hex(example.tree.proofs().consistency(2, 3)))));
    }

    private static List<String> hex(List<Digest> digests) {
        return digests.stream().map(Digest::hex).toList();
    }

    private static String written(EvidenceBundle bundle) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EvidenceBundles.write(bundle, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheWireShapeOfTheGoldenFile() {
        assertThat(written(bundle())).isEqualTo(GoldenExample.resource("/golden/evidence-bundle.json"));
    }

    @Test
    void readsTheGoldenFileBack() {
        EvidenceBundle read = EvidenceBundles.read(new ByteArrayInputStream(
                GoldenExample.resource("/golden/evidence-bundle.json").getBytes(StandardCharsets.UTF_8)));
        assertThat(read).isEqualTo(bundle());
        assertThat(read.format()).isEqualTo(EvidenceBundle.FORMAT);
        assertThat(read.checkpoints().get(1).time()).isEqualTo(GoldenExample.SECOND_CHECKPOINT);
    }

    @Test
    void readsAbsentListsAsEmptyAndIgnoresFieldsItDoesNotKnow() {
        EvidenceBundle read = EvidenceBundles.read(new ByteArrayInputStream(
                "{\"format\":\"changeledger-evidence/1\",\"origin\":\"o\",\"report\":{\"name\":\"q1\"}}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(read).isEqualTo(new EvidenceBundle("o", List.of(), List.of(), List.of(), List.of()));
    }

    @Test
    void keepsASingleCheckpointAndProofInTheirOwnFiles() {
        ByteArrayOutputStream checkpoint = new ByteArrayOutputStream();
        EvidenceBundles.writeCheckpoint(example.atThree, checkpoint);
        assertThat(checkpoint.toString(StandardCharsets.UTF_8))
                .isEqualTo(GoldenExample.resource("/golden/checkpoint.json"));
        Checkpoint read = EvidenceBundles.readCheckpoint(new ByteArrayInputStream(checkpoint.toByteArray()));
        assertThat(read).isEqualTo(example.atThree);

        ConsistencyProof proof = new ConsistencyProof(2, 3, hex(example.tree.proofs().consistency(2, 3)));
        ByteArrayOutputStream proofBytes = new ByteArrayOutputStream();
        EvidenceBundles.writeConsistencyProof(proof, proofBytes);
        assertThat(EvidenceBundles.readConsistencyProof(new ByteArrayInputStream(proofBytes.toByteArray())))
                .isEqualTo(proof);
    }

    @Test
    void refusesWhatIsNotJsonWithAnIllegalArgument() {
        assertThatThrownBy(() -> EvidenceBundles.read(new ByteArrayInputStream("{".getBytes())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EvidenceBundles.readCheckpoint(new ByteArrayInputStream("{}".getBytes())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
