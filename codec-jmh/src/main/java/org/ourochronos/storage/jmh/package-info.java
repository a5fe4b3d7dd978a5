/**
 * JMH suites for our-storage: the GF(2^8) kernels and the Reed-Solomon coder against peers measured in the same run
 * (Intel ISA-L through the FFM API, Hadoop's pure-Java raw coders).
 *
 * <p>Conventions the report ({@code bench/report.py}) relies on: a benchmark method is named {@code region},
 * {@code encode*} or {@code decode*}; a {@code code} parameter ({@code "k+m"}) with a {@code shardSize} parameter
 * means one operation moves {@code k × shardSize} bytes of data, a {@code size} parameter means {@code size} bytes;
 * a {@code kernel} parameter names our {@link org.ourochronos.storage.galois.GaloisKernel}. Every peer checks its
 * parity against ours once per trial and fails the trial on a mismatch. {@link MemoryBoundBenchmark} is not a coder:
 * it streams the same shapes with XOR only, the memory traffic of an encode without its arithmetic, as a reference
 * row. Suites for ErasureCodec, Merkle trees and hashes follow the same conventions.
 */
package org.ourochronos.storage.jmh;
