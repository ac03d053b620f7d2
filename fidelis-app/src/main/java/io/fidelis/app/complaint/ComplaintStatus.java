package io.fidelis.app.complaint;

/**
 * Where a complaint stands: received → acknowledged → investigating → resolution proposed → resolved (the customer
 * accepts) or reopened (they do not) → … → closed; withdrawn at any point before it is closed.
 */
public enum ComplaintStatus {
    RECEIVED, ACKNOWLEDGED, INVESTIGATING, RESOLUTION_PROPOSED, RESOLVED, REOPENED, CLOSED, WITHDRAWN;

    /** Still being handled (not resolved, closed or withdrawn). */
    public boolean open() {
        return this != RESOLVED && this != CLOSED && this != WITHDRAWN;
    }

    public boolean terminal() {
        return this == CLOSED || this == WITHDRAWN;
    }
}
