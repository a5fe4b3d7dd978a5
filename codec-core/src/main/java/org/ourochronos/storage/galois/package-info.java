/**
 * GF(2^8) arithmetic and the kernel SPI: {@link org.ourochronos.storage.galois.GaloisField} (polynomial 0x11d),
 * {@link org.ourochronos.storage.galois.GaloisKernel} (the one hot-path interface),
 * {@link org.ourochronos.storage.galois.ScalarKernel} (the portable table-driven kernel) and
 * {@link org.ourochronos.storage.galois.GaloisKernels} (run-time discovery and selection).
 */
package org.ourochronos.storage.galois;
