/**
 * Integrity layer: hash algorithms, RFC 6962 / RFC 9162 Merkle trees and inclusion proofs, and the verifier that
 * checks a shard set against its stored Merkle root.
 */
package org.ourochronos.storage.integrity;
