package org.ourochronos.storage.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The rules that decide whether and at which width the kernels run, driven with made-up JVM and CPU facts. */
class VectorPlatformTest {

    @Test
    void interpreterOnlyJvmIsRefused() {
        assertTrue(VectorPlatform.compilerProblem("interpreted mode, sharing", List.of()).orElseThrow()
                .contains("-Xint"));
        assertTrue(VectorPlatform.compilerProblem("mixed mode", List.of("-Xint")).isPresent());
        assertTrue(VectorPlatform.compilerProblem("mixed mode", List.of("-XX:-UseCompiler")).isPresent());
    }

    @Test
    void clientCompilerOnlyIsRefused() {
        for (String level : List.of("0", "1", "2", "3")) {
            assertTrue(VectorPlatform.compilerProblem("mixed mode",
                    List.of("-Xmx1g", "-XX:TieredStopAtLevel=" + level)).orElseThrow().contains("C2"), level);
        }
    }

    @Test
    void c2JvmIsAccepted() {
        assertTrue(VectorPlatform.compilerProblem("mixed mode, sharing", List.of()).isEmpty());
        assertTrue(VectorPlatform.compilerProblem("mixed mode", List.of("-XX:TieredStopAtLevel=4")).isEmpty());
        assertTrue(VectorPlatform.compilerProblem("mixed mode", List.of("-XX:TieredStopAtLevel=1",
                "-XX:TieredStopAtLevel=4")).isEmpty(), "the last occurrence wins");
        assertTrue(VectorPlatform.compilerProblem("mixed mode", List.of("-XX:-TieredCompilation")).isEmpty());
    }

    @Test
    void nibbleWidthRule() {
        // x86 with VBMI and AVX-512 on: full width, vpermb.
        assertEquals(512, VectorPlatform.nibbleBits(512, true, "amd64"));
        // x86 without a full-width byte permute (AVX2, or -XX:UseAVX=2 on a VBMI CPU): 128-bit pshufb.
        assertEquals(128, VectorPlatform.nibbleBits(256, true, "amd64"));
        assertEquals(128, VectorPlatform.nibbleBits(256, false, "amd64"));
        assertEquals(128, VectorPlatform.nibbleBits(512, false, "amd64"));
        assertEquals(128, VectorPlatform.nibbleBits(128, false, "amd64"));
        // Elsewhere (NEON 128, SVE wider): the preferred width, never below 128.
        assertEquals(128, VectorPlatform.nibbleBits(128, false, "aarch64"));
        assertEquals(256, VectorPlatform.nibbleBits(256, false, "aarch64"));
        assertEquals(128, VectorPlatform.nibbleBits(64, false, "aarch64"));
    }
}
