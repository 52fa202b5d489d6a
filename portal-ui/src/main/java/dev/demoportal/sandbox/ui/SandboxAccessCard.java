package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import dev.demoportal.base.Conflict;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.sandbox.RevealedSecret;
import dev.demoportal.sandbox.SandboxService;
import dev.demoportal.sandbox.SandboxStatus;
import dev.demoportal.sandbox.SandboxSummary;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The access card of a ready sandbox: its URL and details, redrawn with the page, and the secrets
 * the owner revealed, which are not: among them the hand-off kit, the kubeconfig and (when the
 * template delivers Vault contents) the Vault path and how to log in, each with a copy button. Revealing is audited, so it changes the sandbox and redraws the
 * page: the revealed values are therefore card state, drawn apart and kept until the viewer hides
 * them, leaves, or the sandbox stops being ready, never revealed again by a redraw.
 */
class SandboxAccessCard extends Div {

    private final SandboxService sandboxes;
    private final UserAccount me;
    private final Div details = new Div();
    /** The revealed secrets, below the details. */
    final Div secrets = new Div();

    /** The hand-off kit's secrets, drawn in sections of their own rather than in the list. */
    private static final java.util.Set<String> KIT =
            java.util.Set.of(SandboxService.KUBECONFIG, SandboxService.VAULT_PATH, SandboxService.VAULT_LOGIN);

    private List<RevealedSecret> revealed = List.of();
    private java.util.@Nullable UUID sandboxId;
    private @Nullable Button reveal;

    SandboxAccessCard(SandboxService sandboxes, UserAccount me) {
        this.sandboxes = sandboxes;
        this.me = me;
        setId("access");
        addClassName("dp-card");
        add(new H3("Access"), details, secrets);
        setVisible(false);
    }

    /** Draws the details of {@code s}; shown only while it is ready, and its secrets hidden when it stops being. */
    void show(SandboxSummary s) {
        sandboxId = s.id();
        details.removeAll();
        reveal = null;
        setVisible(s.status() == SandboxStatus.READY);
        if (s.status() != SandboxStatus.READY) {
            hideSecrets();
            return;
        }
        if (s.accessUrl() != null) {
            Anchor url = new Anchor(s.accessUrl(), s.accessUrl(), AnchorTarget.BLANK);
            url.setId("access-url");
            details.add(new Div(url, copyButton("the URL", url)));
        }
        UnorderedList list = new UnorderedList();
        // a step that had nothing to make (no Vault contents) records an empty output: not worth a line
        s.accessDetails().forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                list.add(new ListItem(k + ": " + v));
            }
        });
        details.add(list);
        boolean owner = me.customer()
                && me.organisation() != null
                && me.organisation().id().equals(s.organisation().id());
        if (!s.secretNames().isEmpty()) {
            if (owner) {
                reveal = new Button("Reveal " + String.join(", ", s.secretNames()), e -> reveal(s));
                reveal.setId("reveal-secrets");
                reveal.setVisible(revealed.isEmpty());
                details.add(reveal);
            } else {
                Span hidden = new Span(
                        "Secrets (" + String.join(", ", s.secretNames()) + ") are shown to the customer only.");
                hidden.addClassName("dp-muted");
                details.add(hidden);
            }
        }
    }

    void hideSecrets() {
        showSecrets(List.of());
    }

    private void reveal(SandboxSummary s) {
        try {
            showSecrets(sandboxes.revealSecrets(s.id()));
        } catch (Conflict conflict) {
            Notification.show(conflict.getMessage(), 5000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
        }
    }

    /**
     * Draws the revealed secrets, each with a button that copies it; only when what is shown
     * changes (a reveal, hiding them, the sandbox no longer ready), never on a redraw, so a value
     * being selected or copied stays put.
     */
    private void showSecrets(List<RevealedSecret> shown) {
        if (shown.equals(revealed)) {
            return;
        }
        revealed = List.copyOf(shown);
        if (reveal != null) {
            reveal.setVisible(revealed.isEmpty());
        }
        secrets.removeAll();
        if (revealed.isEmpty()) {
            return;
        }
        UnorderedList list = new UnorderedList();
        revealed.stream().filter(r -> !KIT.contains(r.name())).forEach(r -> {
            Span value = new Span(r.value());
            value.addClassName("dp-secret");
            list.add(new ListItem(new Span(r.name() + ": "), value, copyButton(r.name(), value)));
        });
        if (list.getChildren().findAny().isPresent()) {
            secrets.add(list);
        }
        named(SandboxService.KUBECONFIG).ifPresent(kubeconfig -> {
            Pre yaml = new Pre(kubeconfig);
            yaml.addClassName("dp-kubeconfig");
            yaml.setId("kit-kubeconfig");
            Span how = new Span("For this sandbox's namespace only; its token expires with the sandbox and stops"
                    + " working when it is torn down. Save it as a file and run kubectl --kubeconfig <file> get pods,"
                    + " or fetch it with: demo sandbox kubeconfig " + sandboxId + ".");
            how.addClassName("dp-muted");
            Div section = new Div(new H4("Kubeconfig"), yaml, copyButton(SandboxService.KUBECONFIG, yaml), how);
            section.setId("kit-kubeconfig-section");
            secrets.add(section);
        });
        var vaultPath = named(SandboxService.VAULT_PATH);
        var vaultLogin = named(SandboxService.VAULT_LOGIN);
        if (vaultPath.isPresent() || vaultLogin.isPresent()) {
            Div section = new Div(new H4("Vault"));
            section.setId("kit-vault-section");
            vaultPath.ifPresent(path -> {
                Span value = new Span(path);
                value.addClassName("dp-vault");
                section.add(new Div(new Span("Path: "), value, copyButton(SandboxService.VAULT_PATH, value)));
            });
            vaultLogin.ifPresent(login -> {
                Pre value = new Pre(login);
                value.addClassName("dp-vault");
                section.add(new Div(new Span("Log in: "), value, copyButton(SandboxService.VAULT_LOGIN, value)));
            });
            secrets.add(section);
        }
        Button hide = new Button("Hide", VaadinIcon.EYE_SLASH.create(), e -> hideSecrets());
        hide.addThemeVariants(ButtonVariant.LUMO_SMALL);
        hide.setId("hide-secrets");
        Span note = new Span("Shown until you hide them or leave this page; each reveal is recorded.");
        note.addClassName("dp-muted");
        secrets.add(new Div(hide, note));
    }

    private java.util.Optional<String> named(String name) {
        return revealed.stream()
                .filter(r -> r.name().equals(name))
                .map(RevealedSecret::value)
                .findFirst();
    }

    private static Button copyButton(String name, com.vaadin.flow.component.Component value) {
        Button copy = new Button("Copy", VaadinIcon.COPY_O.create(), e -> copy(name, value));
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        copy.setAriaLabel("Copy " + name);
        return copy;
    }

    /** Copies the value shown in the page (the browser's clipboard needs the click that asks for it). */
    private static void copy(String name, com.vaadin.flow.component.Component value) {
        value.getElement()
                .executeJs("return navigator.clipboard.writeText(this.textContent)")
                .then(
                        copied -> Notification.show(
                                        "Copied " + name + " to the clipboard",
                                        3000,
                                        Notification.Position.BOTTOM_START)
                                .addThemeVariants(NotificationVariant.LUMO_SUCCESS),
                        refused -> Notification.show(
                                        "Your browser did not let the page copy; select the value and copy it",
                                        5000,
                                        Notification.Position.MIDDLE)
                                .addThemeVariants(NotificationVariant.LUMO_WARNING));
    }
}
