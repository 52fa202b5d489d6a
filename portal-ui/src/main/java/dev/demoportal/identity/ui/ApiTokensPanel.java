package dev.demoportal.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.demoportal.base.DomainException;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.base.ui.ViewerTime;
import dev.demoportal.identity.ApiTokenSummary;
import dev.demoportal.identity.CreatedApiToken;
import dev.demoportal.identity.NewApiToken;
import dev.demoportal.identity.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * API tokens of one owner (the signed-in person on My account, a service account for admins):
 * create one (shown once, in a dialog), see when each was last used, revoke.
 */
class ApiTokensPanel extends Div {

    /** Lifetimes offered; the API takes any ISO-8601 duration up to a year. */
    private static final List<Duration> LIFETIMES = List.of(
            Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(365));

    final TextField name = new TextField("Token name");
    final Select<Duration> lifetime = new Select<>();
    final CheckboxGroup<Role> roles = new CheckboxGroup<>("Roles it carries");
    final Button create = new Button("Create token");
    final Grid<ApiTokenSummary> grid = new Grid<>();
    private final Supplier<List<ApiTokenSummary>> list;
    private final Clock clock;
    private ZoneId zone = ViewerTime.zone();

    ApiTokensPanel(
            Set<Role> available,
            Supplier<List<ApiTokenSummary>> list,
            Function<NewApiToken, CreatedApiToken> maker,
            Consumer<UUID> revoker,
            Clock clock) {
        this.list = list;
        this.clock = clock;
        name.setPlaceholder("e.g. nightly e2e");
        lifetime.setLabel("Valid for");
        lifetime.setItems(LIFETIMES);
        lifetime.setItemLabelGenerator(d -> d.toDays() + (d.toDays() == 1 ? " day" : " days"));
        lifetime.setValue(Duration.ofDays(30));
        roles.setItems(available.stream().sorted().toList());
        roles.setItemLabelGenerator(Role::label);
        roles.setValue(EnumSet.copyOf(available));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        FieldErrors errors = new FieldErrors()
                .field("name", name)
                .field("lifetime", lifetime)
                .field("roles", roles);
        create.addClickListener(e -> {
            try {
                CreatedApiToken made = maker.apply(new NewApiToken(
                        name.getValue(),
                        lifetime.getValue(),
                        roles.getValue().isEmpty() ? null : EnumSet.copyOf(roles.getValue())));
                errors.clear();
                name.clear();
                refresh();
                showOnce(made);
            } catch (ValidationFailed failed) {
                errors.show(failed);
            }
        });
        Div form = new Div(name, lifetime, roles, create);
        form.addClassName("dp-toolbar");

        grid.addThemeVariants(GridVariant.LUMO_NO_BORDER);
        grid.addColumn(ApiTokenSummary::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(ApiTokenSummary::display).setHeader("Token");
        grid.addColumn(t -> t.roles().stream().map(Role::label).sorted().collect(Collectors.joining(", ")))
                .setHeader("Roles");
        grid.addColumn(t -> t.lastUsedAt() == null ? "never" : ViewerTime.format(t.lastUsedAt(), zone, clock.instant()))
                .setHeader("Last used");
        grid.addColumn(t -> ViewerTime.format(t.expiresAt(), zone, clock.instant()))
                .setHeader("Expires");
        grid.addColumn(t -> t.state().name().toLowerCase(Locale.ROOT)).setHeader("State");
        grid.addComponentColumn(t -> {
                    Button revoke = new Button("Revoke", e -> confirmRevoke(t, revoker));
                    revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                    revoke.setAriaLabel("Revoke the token " + t.name());
                    revoke.setVisible(t.state() == ApiTokenSummary.State.ACTIVE);
                    return revoke;
                })
                .setKey("actions");
        grid.setAllRowsVisible(true);
        add(form, grid);
        refresh();
        addAttachListener(attached -> ViewerTime.resolve(attached.getUI(), z -> {
            zone = z;
            refresh();
        }));
    }

    void refresh() {
        grid.setItems(list.get());
    }

    /** The one time the token is visible: nobody, not even an admin, can see it again. */
    private void showOnce(CreatedApiToken made) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Your new API token");
        Pre token = new Pre(made.token());
        token.setId("new-api-token");
        dialog.add(
                new Paragraph("Copy it now: it is shown only this once. Send it as 'Authorization: Bearer <token>'."),
                token);
        Button done = new Button("I have copied it", e -> dialog.close());
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(done);
        dialog.open();
    }

    private void confirmRevoke(ApiTokenSummary token, Consumer<UUID> revoker) {
        ConfirmDialog confirm = new ConfirmDialog(
                "Revoke the token?", "Scripts that use '" + token.name() + "' stop working at once.", "Revoke", e -> {
                    try {
                        revoker.accept(token.id());
                    } catch (DomainException refused) {
                        Notification.show(refused.getMessage(), 4000, Notification.Position.MIDDLE);
                    }
                    refresh();
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }
}
