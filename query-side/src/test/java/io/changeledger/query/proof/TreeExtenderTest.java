package io.changeledger.query.proof;

import io.changeledger.events.wire.LedgerLeaf;
import io.changeledger.proof.Digest;
import io.changeledger.proof.Hashes;
import io.changeledger.proof.MemoryTree;
import io.changeledger.proof.MerkleProofs;
import io.changeledger.proof.Node;
import io.changeledger.proof.NodeSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TreeExtenderTest {

    /** What the tables hold: the leaves received so far, by sequence, and the subtrees stored as they completed. */
    private final TreeMap<Long, Digest> received = new TreeMap<>();
    private final Map<List<Long>, Digest> storedNodes = new HashMap<>();

    @Test
    void appendsTheContiguousPrefixAndMatchesTheWholeTree() {
        TreeExtender extender = TreeExtender.empty();
        receive(0, 1, 2, 3, 4);

        extend(extender);

        assertThat(extender.size()).isEqualTo(5);
        assertThat(extender.root()).isEqualTo(wholeTree(5).root());
        assertThat(storedNodes).containsKeys(List.of(1L, 0L), List.of(1L, 1L), List.of(2L, 0L))
                .hasSize(3);
    }

    @Test
    void waitsAtAGapAndGoesOnOnceItIsFilled() {
        TreeExtender extender = TreeExtender.empty();
        receive(0, 1, 2, 4, 5, 7);

        extend(extender);
        assertThat(extender.size()).as("stops before the missing 3").isEqualTo(3);
        assertThat(extender.root()).isEqualTo(wholeTree(3).root());

        receive(3);
        extend(extender);
        assertThat(extender.size()).as("3 fills the gap up to the missing 6").isEqualTo(6);

        receive(6);
        extend(extender);
        assertThat(extender.size()).isEqualTo(8);
        assertThat(extender.root()).isEqualTo(wholeTree(8).root());
    }

    @Test
    void growsOverLeavesReceivedInAnyOrderToTheSameTree() {
        List<Long> order = new ArrayList<>(LongStream.range(0, 1_000).boxed().toList());
        Collections.shuffle(order, new Random(6));
        TreeExtender extender = TreeExtender.empty();
        for (int i = 0; i < order.size(); i += 37) {
            order.subList(i, Math.min(i + 37, order.size())).forEach(this::receive);
            extend(extender);
            assertThat(extender.size()).as("the tree holds exactly the prefix without a gap").isEqualTo(prefix());
        }
        assertThat(extender.size()).isEqualTo(1_000);
        assertThat(extender.root()).isEqualTo(wholeTree(1_000).root());
    }

    @Test
    void restoredFromItsStoredSubtreesEqualsTheTreeThatStoredThem() {
        TreeExtender extender = TreeExtender.empty();
        for (long size : new long[]{1, 2, 3, 7, 8, 100, 255, 256, 257}) {
            LongStream.range(extender.size(), size).forEach(this::receive);
            extend(extender);

            TreeExtender restored = TreeExtender.restore(size, stored());
            assertThat(restored.size()).isEqualTo(size);
            assertThat(restored.root()).as("size %d", size).isEqualTo(extender.root());
            assertThat(new MerkleProofs(stored()).root(size)).isEqualTo(wholeTree(size).root());
        }
        LongStream.range(257, 300).forEach(this::receive);
        TreeExtender restored = TreeExtender.restore(257, stored());
        extend(restored);
        assertThat(restored.root()).as("a restored tree grows on as the original would")
                .isEqualTo(wholeTree(300).root());
    }

    @Test
    void refusesALeafItAlreadyHolds() {
        TreeExtender extender = TreeExtender.empty();
        receive(0, 1);
        extend(extender);

        assertThatThrownBy(() -> extender.extend(List.of(new LedgerLeaf(1, leaf(1)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already in the tree of size 2");
    }

    private void receive(long... sequences) {
        for (long sequence : sequences) {
            received.put(sequence, leaf(sequence));
        }
    }

    private long prefix() {
        long size = 0;
        while (received.containsKey(size)) {
            size++;
        }
        return size;
    }

    /** As the database feeds it: the held leaves from the tree's size on, in sequence order. */
    private void extend(TreeExtender extender) {
        List<LedgerLeaf> leaves = received.tailMap(extender.size()).entrySet().stream()
                .map(leaf -> new LedgerLeaf(leaf.getKey(), leaf.getValue())).toList();
        for (Node node : extender.extend(leaves)) {
            Digest before = storedNodes.put(List.of((long) node.level(), node.index()), node.hash());
            assertThat(before).as("subtree %d/%d completed once", node.level(), node.index()).isNull();
        }
    }

    private NodeSource stored() {
        return (level, index) -> level == 0 ? received.get(index) : storedNodes.get(List.of((long) level, index));
    }

    private static MemoryTree wholeTree(long size) {
        MemoryTree tree = new MemoryTree();
        LongStream.range(0, size).forEach(sequence -> tree.append(leaf(sequence)));
        return tree;
    }

    private static Digest leaf(long sequence) {
        return Hashes.leaf(("{\"entry\":" + sequence + "}").getBytes(StandardCharsets.UTF_8));
    }
}
