package dev.demoportal.base;

/** The thing asked for does not exist, or is not visible to the one asking. */
public class NotFound extends DomainException {

    public NotFound(String code, String message) {
        super(code, message);
    }

    @Override
    public int httpStatus() {
        return 404;
    }
}
