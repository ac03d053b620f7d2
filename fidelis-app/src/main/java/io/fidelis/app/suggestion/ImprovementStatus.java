package io.fidelis.app.suggestion;

/** Where an improvement item stands: new, under review, planned, delivered, or declined with a reason. */
public enum ImprovementStatus {
    NEW, UNDER_REVIEW, PLANNED, DELIVERED, DECLINED;

    /** Delivered and declined items are settled; a declined one may be reconsidered. */
    public boolean settled() {
        return this == DELIVERED || this == DECLINED;
    }
}
