/**
 * Reed-Solomon erasure coding: coding matrices, the low-level {@link org.ourochronos.storage.codec.ReedSolomon}
 * coder (Backblaze-compatible API) and the typed exceptions for bad input.
 */
package org.ourochronos.storage.codec;
