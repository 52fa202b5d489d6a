package dev.demoportal.provisioning.worker.pipeline;

import dev.demoportal.provisioning.SandboxSpec;
import dev.demoportal.provisioning.StepContext;
import dev.demoportal.provisioning.StepFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The pipeline parameters of one step: the target's mapping with its placeholders filled in from the sandbox. */
final class PipelineParameters {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z-]+|param\\.[^}]+|output\\.[^}]+)}");

    private PipelineParameters() {}

    private static final java.util.Set<String> NAMES = java.util.Set.of(
            "sandbox-id",
            "name",
            "region",
            "aws-region",
            "organisation",
            "template",
            "customer-group",
            "expires-at",
            "action");

    /** Refuses a mapping with a placeholder the driver does not know, at start-up. */
    static void check(Map<String, String> parameters, String where) {
        parameters.forEach((name, template) -> {
            Matcher m = Pattern.compile("\\{([^}]*)}").matcher(template == null ? "" : template);
            while (m.find()) {
                String placeholder = m.group(1);
                if (!NAMES.contains(placeholder) && !placeholder.matches("(param|output)\\..+")) {
                    throw new IllegalStateException(where + ".parameters." + name + " uses {" + placeholder
                            + "}; known: " + new java.util.TreeSet<>(NAMES) + ", param.KEY, output.KEY");
                }
            }
        });
    }

    static Map<String, String> of(PipelineTarget target, StepContext context) {
        Map<String, String> parameters = new LinkedHashMap<>();
        target.parameters().forEach((name, template) -> parameters.put(name, fill(template, context)));
        return parameters;
    }

    private static String fill(String template, StepContext context) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), context)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String name, StepContext context) {
        SandboxSpec spec = context.spec();
        if (name.startsWith("param.")) {
            return spec.parameters().getOrDefault(name.substring(6), "");
        }
        if (name.startsWith("output.")) {
            return context.outputs().getOrDefault(name.substring(7), "");
        }
        return switch (name) {
            case "sandbox-id" -> spec.sandboxId().toString();
            case "name" -> spec.name();
            case "region" -> spec.regionCode();
            case "aws-region" -> spec.awsRegion();
            case "organisation" -> spec.organisationSlug();
            case "template" -> spec.templateSlug();
            case "customer-group" -> spec.customerGroup();
            case "expires-at" ->
                spec.expiresAt() == null ? "" : spec.expiresAt().toString();
            case "action" -> context.kind().name().toLowerCase();
            default -> throw StepFailure.permanent("unknown placeholder {" + name + "} in a pipeline parameter", null);
        };
    }
}
