/**
 * our-storage codec core: GF(2^8) arithmetic and the {@link org.ourochronos.storage.galois.GaloisKernel} SPI,
 * Reed-Solomon coding ({@link org.ourochronos.storage.codec.ReedSolomon}), shard sets and the Merkle integrity
 * layer. No dependencies beyond {@code java.base}.
 */
module org.ourochronos.storage.core {
    exports org.ourochronos.storage.galois;
    exports org.ourochronos.storage.codec;
    exports org.ourochronos.storage.integrity;

    uses org.ourochronos.storage.galois.GaloisKernelProvider;
}
