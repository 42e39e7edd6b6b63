package io.propertylistings.metrics.entity;

/** The seed's verdict on a hit ratio in percent. */
public enum Assessment {
    EXCELLENT, GOOD, FAIR, POOR;

    public static Assessment of(double hitRatioPercent) {
        if (hitRatioPercent >= 90) {
            return EXCELLENT;
        }
        if (hitRatioPercent >= 80) {
            return GOOD;
        }
        if (hitRatioPercent >= 70) {
            return FAIR;
        }
        return POOR;
    }
}
