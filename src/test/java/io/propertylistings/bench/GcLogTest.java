package io.propertylistings.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

    @Test
    void countsOnlyTheFullCollectionsNobodyAskedFor() {
        GcLog log = GcLog.of(List.of(
                "[1.2s] Using G1",
                "[74.183s] GC(91) Pause Young (Normal) (G1 Evacuation Pause) 182M->73M(214M) 3.974ms",
                "[78.076s] GC(92) Pause Young (Concurrent Start) (G1 Humongous Allocation) 182M->74M(214M) 6.352ms",
                "[85.419s] GC(95) Pause Full (Diagnostic Command) 139M->70M(214M) 105.841ms",
                "[86.000s] GC(96) Pause Full (System.gc()) 139M->70M(214M) 99.000ms",
                "[87.566s] GC(227) Pause Full (G1 Compaction Pause) 242M->141M(256M) 79.507ms",
                "[99.000s] GC(228) Pause Full (G1 Compaction Pause) 242M->141M(256M) 79.507ms",
                "[87.840s] GC(229) Pause Remark 220M->217M(256M) 7.397ms"),
                List.of(new double[] {70, 80}, new double[] {87.5, 87.6}));
        assertEquals(2, log.fullCollections());
        assertEquals(1, log.fullDuringLoads());
        assertEquals(2, log.youngPauses());
        assertEquals(6.352, log.longestYoungPauseMillis(), 1e-9);
    }
}
