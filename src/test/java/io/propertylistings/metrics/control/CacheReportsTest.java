package io.propertylistings.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.propertylistings.caching.LevelContents;
import io.propertylistings.metrics.entity.CacheInfoReport;
import org.junit.jupiter.api.Test;

class CacheReportsTest {

    @Test
    void aLevelWithoutEntriesHasNoTtl() {
        CacheInfoReport.LevelContents contents = CacheReports.contents(new LevelContents(0, -1, "all_properties"));
        assertEquals(false, contents.holdsEntries());
        assertEquals(0L, contents.entries());
        assertNull(contents.ttlSeconds());
        assertEquals("all_properties", contents.where());
    }

    @Test
    void ttlIsRoundedUpToWholeSeconds() {
        assertEquals(1L, CacheReports.contents(new LevelContents(3, 300, "g")).ttlSeconds());
        assertEquals(900L, CacheReports.contents(new LevelContents(3, 900_000, "g")).ttlSeconds());
        assertEquals(901L, CacheReports.contents(new LevelContents(3, 900_001, "g")).ttlSeconds());
    }
}
