package org.ourochronos.storage.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ourochronos.storage.integrity.HashAlgorithm;
import org.ourochronos.storage.integrity.MerkleProof;
import org.ourochronos.storage.integrity.MerkleTree;

/**
 * The integrity layer: each hash algorithm over one buffer, building an RFC 6962 tree over n shard-sized leaves,
 * and verifying one inclusion proof. {@code hash} and {@code merkleBuild} process {@code size} bytes per leaf.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--sun-misc-unsafe-memory-access=allow"})
public class IntegrityBenchmark {

    @Param({"sha256", "sha3_256", "blake2b"})
    public String algorithm;

    @Param({"65536"})
    public int size;

    @Param({"15"})
    public int leaves;

    private HashAlgorithm alg;
    private byte[] buffer;
    private List<byte[]> leafData;
    private MerkleProof proof;
    private byte[] root;

    @Setup
    public void setUp() {
        alg = HashAlgorithm.fromName(algorithm);
        buffer = Shards.random(1, 1, size)[0];
        leafData = new ArrayList<>(List.of(Shards.random(leaves, leaves, size)));
        MerkleTree tree = MerkleTree.fromLeafData(leafData, alg);
        root = tree.root();
        proof = tree.inclusionProof(leaves / 2);
        if (!MerkleProof.verify(proof, leafData.get(leaves / 2), root)) {
            throw new IllegalStateException("proof does not verify in set-up");
        }
    }

    @Benchmark
    public byte[] hash() {
        return alg.hash(buffer);
    }

    @Benchmark
    public byte[] merkleBuild() {
        return MerkleTree.fromLeafData(leafData, alg).root();
    }

    @Benchmark
    public boolean proofVerify() {
        return MerkleProof.verify(proof, leafData.get(leaves / 2), root);
    }
}
