package dev.demoportal.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${sandbox.*}} placeholders a template's contents may use (Helm values, the probe
 * path), filled in by the driver that delivers them from the sandbox and the outputs of earlier
 * steps.
 */
public final class SandboxPlaceholders {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    /** Every placeholder name a template may use. */
    public static final Set<String> NAMES = Set.of(
            "sandbox.id",
            "sandbox.name",
            "sandbox.namespace",
            "sandbox.host",
            "sandbox.url",
            "sandbox.organisation",
            "sandbox.template",
            "sandbox.region",
            "sandbox.expiresAt");

    private SandboxPlaceholders() {}

    /** The placeholders in {@code text} that are not in {@link #NAMES}, in order of appearance. */
    public static List<String> unknown(String text) {
        List<String> unknown = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!NAMES.contains(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    /** What {@link #unknown} found, as the message a form shows. */
    public static String describeUnknown(List<String> unknown) {
        return "Unknown placeholder ${" + unknown.getFirst() + "}; known: " + new TreeSet<>(NAMES);
    }

    /**
     * Fills in every placeholder.
     *
     * @param outputs outputs of the steps already done ({@code hostName}, {@code accessUrl}); a
     *     placeholder whose value is not known yet becomes the empty string
     */
    public static String fill(String text, SandboxSpec spec, Map<String, String> outputs) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), spec, outputs)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String name, SandboxSpec spec, Map<String, String> outputs) {
        return switch (name) {
            case "sandbox.id" -> spec.sandboxId().toString();
            case "sandbox.name", "sandbox.namespace" -> spec.name();
            case "sandbox.host" -> outputs.getOrDefault("hostName", "");
            case "sandbox.url" -> outputs.getOrDefault("accessUrl", "");
            case "sandbox.organisation" -> spec.organisationSlug();
            case "sandbox.template" -> spec.templateSlug();
            case "sandbox.region" -> spec.regionCode();
            case "sandbox.expiresAt" ->
                spec.expiresAt() == null ? "" : spec.expiresAt().toString();
            default -> throw new IllegalArgumentException("unknown placeholder ${" + name + "}");
        };
    }
}
