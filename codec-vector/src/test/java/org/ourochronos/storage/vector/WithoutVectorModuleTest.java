package org.ourochronos.storage.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ourochronos.storage.galois.GaloisKernels;

/**
 * In a JVM started without {@code --add-modules jdk.incubator.vector} (this module's second surefire execution,
 * which also sets {@code -Dourstorage.kernel=vector}) the provider stands down with a reason that says how to
 * enable it, and the selection falls back to the scalar kernel without loading any Vector API class.
 */
class WithoutVectorModuleTest {

    @Test
    void runsWithoutTheIncubatorModule() {
        assertFalse(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "this test must run without --add-modules jdk.incubator.vector (surefire execution "
                        + "without-vector-module)");
    }

    @Test
    void providerExplainsHowToEnableIt() {
        String reason = new VectorKernelProvider().unavailableReason().orElseThrow();
        assertTrue(reason.contains("--add-modules jdk.incubator.vector"), reason);
    }

    @Test
    void selectionFallsBackToScalarAndSaysWhy() {
        GaloisKernels.Selection selection = GaloisKernels.selection();
        assertEquals("scalar", selection.selected().name());
        assertTrue(selection.fellBack());
        assertTrue(selection.reason().contains("--add-modules jdk.incubator.vector"), selection.reason());
        assertTrue(GaloisKernels.describe().get("kernel.reason").contains("--add-modules"));
        assertEquals(1, GaloisKernels.usable().size(), "only the scalar kernel is usable");
    }
}
