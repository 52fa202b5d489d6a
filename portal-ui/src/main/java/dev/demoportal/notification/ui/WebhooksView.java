package dev.demoportal.notification.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.notification.NotificationKind;
import dev.demoportal.notification.WebhookService;
import dev.demoportal.notification.WebhookSummary;
import dev.demoportal.notification.WebhookSummary.Format;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * Admins register webhook endpoints: a URL, the kinds of event it receives and its format (signed
 * JSON, or a Microsoft Teams card). The signing secret is shown once, when the endpoint is made.
 */
@Route("admin/webhooks")
@PageTitle("Webhooks")
@RolesAllowed("ADMIN")
public class WebhooksView extends VerticalLayout {

    final TextField name = new TextField("Name");
    final TextField url = new TextField("URL");
    final CheckboxGroup<NotificationKind> kinds = new CheckboxGroup<>("Events");
    final RadioButtonGroup<Format> format = new RadioButtonGroup<>("Format");
    final Grid<WebhookSummary> grid = new Grid<>();
    final Button register = new Button("Register");
    private final WebhookService webhooks;
    private final Clock clock;

    WebhooksView(WebhookService webhooks, Clock clock) {
        this.webhooks = webhooks;
        this.clock = clock;
        add(
                new H2("Webhooks"),
                new Paragraph("Each delivery is a signed JSON POST (see "
                        + "docs/operations/notifications.md for the signature and a verification example), written with "
                        + "the change that caused it and retried with backoff; the Outbox shows every delivery."));

        name.setId("webhook-name");
        url.setId("webhook-url");
        url.setPlaceholder("https://hooks.example.com/demo-portal");
        url.setWidth("32em");
        kinds.setItems(NotificationKind.values());
        kinds.setItemLabelGenerator(k -> k.label() + " (" + k.key() + ")");
        kinds.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        kinds.setId("webhook-kinds");
        format.setItems(Format.values());
        format.setItemLabelGenerator(Format::label);
        format.setValue(Format.JSON);
        register.addClickListener(e -> register());
        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        register.setId("webhook-register");
        Div form = new Div(new H3("New endpoint"), new HorizontalLayout(name, url), format, kinds, register);
        form.addClassName("dp-card");

        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setId("webhook-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(WebhookSummary::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(WebhookSummary::displayUrl).setHeader("URL").setAutoWidth(true);
        grid.addColumn(w -> w.format().label()).setHeader("Format").setAutoWidth(true);
        grid.addColumn(w ->
                        w.kinds().stream().map(NotificationKind::key).sorted().collect(Collectors.joining(", ")))
                .setHeader("Events")
                .setFlexGrow(3);
        grid.addColumn(w -> w.active() ? "Active" : "Paused").setHeader("State").setAutoWidth(true);
        grid.addColumn(w -> ViewerTime.format(w.createdAt(), ViewerTime.zone(), clock.instant()))
                .setHeader("Since")
                .setAutoWidth(true);
        grid.addComponentColumn(w -> {
                    Button toggle = new Button(w.active() ? "Pause" : "Resume", e -> {
                        webhooks.setActive(w.id(), !w.active());
                        refresh();
                    });
                    Button delete = new Button("Delete", e -> {
                        webhooks.delete(w.id());
                        refresh();
                    });
                    toggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                    delete.addThemeVariants(
                            ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                    return new HorizontalLayout(toggle, delete);
                })
                .setAutoWidth(true);
        add(form, grid);
        refresh();
    }

    private void register() {
        FieldErrors errors =
                new FieldErrors().field("name", name).field("url", url).field("kinds", kinds);
        errors.clear();
        try {
            WebhookSummary.Registered registered =
                    webhooks.register(name.getValue(), url.getValue(), kinds.getValue(), format.getValue());
            name.clear();
            url.clear();
            kinds.clear();
            refresh();
            showSecret(registered);
        } catch (dev.demoportal.base.ValidationFailed e) {
            String rest = errors.show(e);
            if (!rest.isEmpty()) {
                com.vaadin.flow.component.notification.Notification.show(
                        rest, 5000, com.vaadin.flow.component.notification.Notification.Position.MIDDLE);
            }
        }
    }

    private void showSecret(WebhookSummary.Registered registered) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Signing secret of " + registered.webhook().name());
        TextField secret = new TextField("Secret");
        secret.setId("webhook-secret");
        secret.setValue(registered.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.setHelperText("Shown only now. The receiver checks each delivery's X-DemoPortal-Signature with it.");
        dialog.add(secret);
        dialog.setWidth("560px");
        Button done = new Button("Done", e -> dialog.close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        dialog.open();
    }

    private void refresh() {
        grid.setItems(webhooks.all().stream()
                .sorted(Comparator.comparing(WebhookSummary::name))
                .toList());
    }
}
