import io.changeledger.proof.Checkpoint;
import io.changeledger.proof.CheckpointSigner;
import io.changeledger.proof.Digest;
import io.changeledger.proof.LedgerKeys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;

/**
 * Signs the seeded tree's root with a new key: prints the SQL that stores the checkpoint as VERIFIED and writes the
 * public key for the verifier. java -cp ledger-proof/target/classes SignCheckpoint.java <size> <root hex> <key.pem>
 */
public class SignCheckpoint {

    public static void main(String[] args) throws Exception {
        KeyPair key = LedgerKeys.generate();
        Checkpoint checkpoint = new CheckpointSigner("changeledger.benchmark", key.getPrivate(), key.getPublic())
                .sign(Long.parseLong(args[0]), Digest.fromHex(args[1]), Instant.now());
        Files.writeString(Path.of(args[2]), LedgerKeys.pem(key.getPublic()));
        System.out.println("insert into query.ledger_key (key_id, public_key_pem, first_seen_at) values ('"
                + checkpoint.keyId() + "', '" + LedgerKeys.pem(key.getPublic()) + "', now());");
        System.out.println("insert into query.ledger_checkpoint (origin, tree_size, root_hash, signed_at, signed_time,"
                + " key_id, signature, status, checked_at) values ('" + checkpoint.origin() + "', "
                + checkpoint.treeSize() + ", decode('" + checkpoint.rootHash() + "', 'hex'), '" + checkpoint.time()
                + "', '" + checkpoint.time() + "', '" + checkpoint.keyId() + "', '" + checkpoint.signature()
                + "', 'VERIFIED', now());");
    }
}
