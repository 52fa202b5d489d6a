package dev.demoportal.base;

/** The request clashes with the current state (someone changed it first, or it already exists). */
public class Conflict extends DomainException {

    public Conflict(String code, String message) {
        super(code, message);
    }

    public Conflict(String code, Message message) {
        super(code, message);
    }

    @Override
    public int httpStatus() {
        return 409;
    }
}
