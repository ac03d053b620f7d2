package io.fidelis.core.loyalty;

/**
 * The seeds' stages of loyalty (seed 001: the four forms of loyalty are also four stages), preceded by the new
 * customer. Each stage includes the ones before it.
 */
public enum LoyaltyStage {
    /** One purchase occasion and no sign of satisfaction yet. */
    NEW(1),
    /** Satisfaction and basic trust: a satisfied answer, a complaint resolved, or a purchase again. */
    SATISFIED(2),
    /** Trust and behavioural loyalty: buying again at or above the segment's typical rate, while alive. */
    BEHAVIOURAL(3),
    /** Emotional (and conscious) loyalty: as above, plus a promoter answer, a referral or a stated intention to buy again. */
    EMOTIONAL(4),
    /** Sustainable loyalty: emotional loyalty held a year or more, across categories, kept through a complaint or a rival's offer. */
    SUSTAINABLE(5);

    private final int number;

    LoyaltyStage(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
