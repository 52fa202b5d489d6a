package dev.demoportal.sandbox;

import dev.demoportal.base.Conflict;
import java.util.Map;

/** The organisation already holds as many active sandboxes of the template as its quota allows. */
public class QuotaExceeded extends Conflict {

    private final int quota;

    public QuotaExceeded(String message, int quota) {
        super("quota_exceeded", message);
        this.quota = quota;
    }

    @Override
    public Map<String, Object> problemProperties() {
        return Map.of("quota", quota);
    }
}
