package io.fidelis.app.shared;

/**
 * Well-formed input that breaks a business rule, such as a referral to an unknown customer (answered as 422).
 *
 * @see #field() the field concerned, or {@code null}
 */
public class BusinessRuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public BusinessRuleException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
