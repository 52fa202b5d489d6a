package dev.demoportal.environment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How holding a slot of an environment grants access on the region's cluster (admins edit these).
 *
 * @param namespaceTemplate the namespace of each slot, e.g. {@code {environment}-slot-{slot}}; null: no access leases
 * @param subjectKind whether the RoleBinding names a user or a group
 * @param subjectTemplate the user or group name as the cluster knows it: {@code {email}} or {@code {userId}} in it
 *        are the holder's, e.g. {@code oidc:{email}}
 * @param clusterRole the ClusterRole the binding grants in the namespace, e.g. {@code edit}
 */
public record AccessSettings(
        @Nullable
        @Size(max = 80, message = "At most 80 characters")
        @Pattern(
                regexp = "[a-z0-9{}-]*\\{slot\\}[a-z0-9{}-]*",
                message = "Lower-case letters, digits, dashes, {environment} and {slot} (required)")
        String namespaceTemplate,

        @NotNull(message = "Choose user or group") SubjectKind subjectKind,

        @NotBlank(message = "Enter the subject, e.g. oidc:{email}") @Size(max = 200, message = "At most 200 characters")
        String subjectTemplate,

        @NotBlank(message = "Enter a ClusterRole, e.g. edit")
        @Pattern(regexp = "[a-z0-9]([a-z0-9:.-]{0,61}[a-z0-9])?", message = "A ClusterRole name such as edit")
        String clusterRole) {

    /** Leases off: what an environment has until an admin turns them on. */
    public static final AccessSettings OFF = new AccessSettings(null, SubjectKind.USER, "{email}", "edit");

    public enum SubjectKind {
        USER,
        GROUP
    }

    public AccessSettings {
        namespaceTemplate = namespaceTemplate == null || namespaceTemplate.isBlank()
                ? null
                : namespaceTemplate.strip().toLowerCase(Locale.ROOT);
        subjectTemplate = subjectTemplate == null ? "" : subjectTemplate.strip();
        clusterRole = clusterRole == null ? "" : clusterRole.strip();
    }

    public boolean enabled() {
        return namespaceTemplate != null;
    }

    /** The namespace of {@code slot} of environment {@code slug}; only when {@link #enabled()}. */
    public String namespace(String slug, int slot) {
        if (namespaceTemplate == null) {
            throw new IllegalStateException("access leases are off for " + slug);
        }
        return namespaceTemplate.replace("{environment}", slug).replace("{slot}", String.valueOf(slot));
    }

    /** The user or group a binding for this holder names; null if the template needs an e-mail the holder lacks. */
    public @Nullable String subject(UUID userId, @Nullable String email) {
        if (subjectTemplate.contains("{email}") && (email == null || email.isBlank())) {
            return null;
        }
        return subjectTemplate.replace("{email}", email == null ? "" : email).replace("{userId}", userId.toString());
    }
}
