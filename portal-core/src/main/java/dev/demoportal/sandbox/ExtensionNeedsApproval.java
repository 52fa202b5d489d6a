package dev.demoportal.sandbox;

import dev.demoportal.base.Conflict;
import java.util.Map;

/**
 * The extension would take the sandbox past its template's maximum lifetime: that takes an
 * extension request, which someone other than the requester approves.
 */
public class ExtensionNeedsApproval extends Conflict {

    private final int extendableHours;

    public ExtensionNeedsApproval(String template, int maxLifetimeHours, int extendableHours) {
        super(
                "sandbox.extension_needs_approval",
                template + " sandboxes live at most " + maxLifetimeHours
                        + " hours; this one can be extended by " + extendableHours + " more hour"
                        + (extendableHours == 1 ? "" : "s")
                        + ". For longer, request an extension: someone has to approve it.");
        this.extendableHours = extendableHours;
    }

    @Override
    public Map<String, Object> problemProperties() {
        return Map.of("extendableHours", extendableHours);
    }
}
