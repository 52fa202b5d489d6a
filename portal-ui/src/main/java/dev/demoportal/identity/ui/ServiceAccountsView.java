package dev.demoportal.identity.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.identity.ApiTokenService;
import dev.demoportal.identity.CiIdentityService;
import dev.demoportal.identity.CiIssuerSummary;
import dev.demoportal.identity.NewCiIssuer;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.ServiceAccountService;
import dev.demoportal.identity.ServiceAccountSummary;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Admins: service accounts (non-person users for pipelines) with their API tokens, and the CI
 * identity providers whose job tokens act as a service account when their claims match a rule.
 */
@Route("admin/service-accounts")
@PageTitle("Service accounts")
@RolesAllowed("ADMIN")
public class ServiceAccountsView extends VerticalLayout {

    private static final EnumSet<Role> STAFF = EnumSet.of(Role.FIELD_ENGINEER, Role.MANAGER, Role.ADMIN);

    final Grid<ServiceAccountSummary> accounts = new Grid<>();
    final TextField accountName = new TextField("Name");
    final CheckboxGroup<Role> accountRoles = new CheckboxGroup<>("Roles");
    final Grid<CiIssuerSummary> issuers = new Grid<>();
    final TextField issuerName = new TextField("Name");
    final TextField issuerUrl = new TextField("Issuer");
    final TextField jwksUri = new TextField("JWKS address (empty: OIDC discovery)");
    final TextField audience = new TextField("Audience");
    final ComboBox<CiIssuerSummary> ruleIssuer = new ComboBox<>("Issuer");
    final TextArea ruleClaims = new TextArea("Claims, one 'name=value' a line");
    final ComboBox<ServiceAccountSummary> ruleAccount = new ComboBox<>("Acts as");
    private final Div tokens = new Div();
    private final ServiceAccountService service;
    private final CiIdentityService ci;

    ServiceAccountsView(ServiceAccountService service, ApiTokenService apiTokens, CiIdentityService ci, Clock clock) {
        this.service = service;
        this.ci = ci;

        accounts.setId("service-accounts");
        accounts.addThemeVariants(GridVariant.LUMO_NO_BORDER);
        accounts.addColumn(ServiceAccountSummary::name)
                .setHeader("Service account")
                .setFlexGrow(2);
        accounts.addColumn(a -> a.roles().stream().map(Role::label).sorted().collect(Collectors.joining(", ")))
                .setHeader("Roles");
        accounts.setAllRowsVisible(true);
        accounts.asSingleSelect().addValueChangeListener(e -> {
            tokens.removeAll();
            ServiceAccountSummary a = e.getValue();
            if (a != null) {
                tokens.add(
                        new H3("Tokens of " + a.name()),
                        new ApiTokensPanel(
                                a.roles(),
                                () -> apiTokens.ofServiceAccount(a.id()),
                                request -> apiTokens.createForServiceAccount(a.id(), request),
                                apiTokens::revoke,
                                clock));
            }
        });
        accountRoles.setItems(STAFF);
        accountRoles.setItemLabelGenerator(Role::label);
        accountRoles.setValue(EnumSet.of(Role.FIELD_ENGINEER));
        FieldErrors accountErrors = new FieldErrors().field("name", accountName).field("roles", accountRoles);
        Button createAccount = new Button("Create service account", e -> {
            try {
                service.create(
                        accountName.getValue(),
                        EnumSet.copyOf(
                                accountRoles.getValue().isEmpty()
                                        ? EnumSet.noneOf(Role.class)
                                        : accountRoles.getValue()));
                accountErrors.clear();
                accountName.clear();
                refresh();
            } catch (ValidationFailed failed) {
                accountErrors.show(failed);
            }
        });
        createAccount.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div accountForm = new Div(accountName, accountRoles, createAccount);
        accountForm.addClassName("dp-toolbar");

        issuers.setId("ci-issuers");
        issuers.addThemeVariants(GridVariant.LUMO_NO_BORDER);
        issuers.addColumn(CiIssuerSummary::name).setHeader("CI identity provider");
        issuers.addColumn(CiIssuerSummary::issuer).setHeader("Issuer").setFlexGrow(2);
        issuers.addColumn(CiIssuerSummary::audience).setHeader("Audience");
        issuers.addColumn(i -> i.rules().stream()
                        .map(r -> r.claims().entrySet().stream()
                                        .map(c -> c.getKey() + "=" + c.getValue())
                                        .sorted()
                                        .collect(Collectors.joining(", "))
                                + " → " + r.serviceAccountName())
                        .collect(Collectors.joining("; ")))
                .setHeader("Rules")
                .setFlexGrow(3);
        issuers.setAllRowsVisible(true);
        issuerUrl.setPlaceholder("https://token.actions.githubusercontent.com");
        FieldErrors issuerErrors = new FieldErrors()
                .field("name", issuerName)
                .field("issuer", issuerUrl)
                .field("jwksUri", jwksUri)
                .field("audience", audience);
        Button trust = new Button("Trust issuer", e -> {
            try {
                ci.trust(new NewCiIssuer(
                        issuerName.getValue(), issuerUrl.getValue(), jwksUri.getValue(), audience.getValue()));
                issuerErrors.clear();
                issuerName.clear();
                issuerUrl.clear();
                jwksUri.clear();
                audience.clear();
                refresh();
            } catch (ValidationFailed failed) {
                issuerErrors.show(failed);
            }
        });
        Div issuerForm = new Div(issuerName, issuerUrl, jwksUri, audience, trust);
        issuerForm.addClassName("dp-toolbar");

        ruleIssuer.setItemLabelGenerator(CiIssuerSummary::name);
        ruleAccount.setItemLabelGenerator(ServiceAccountSummary::name);
        ruleClaims.setPlaceholder("repository=acme/app\nref=refs/heads/main");
        Button addRule = new Button("Add rule", e -> {
            try {
                if (ruleIssuer.getValue() == null) {
                    throw ValidationFailed.of("issuer", "Choose the issuer.");
                }
                ci.addRule(
                        ruleIssuer.getValue().id(),
                        claims(ruleClaims.getValue()),
                        ruleAccount.getValue() == null
                                ? null
                                : ruleAccount.getValue().id());
                ruleClaims.setInvalid(false);
                ruleClaims.clear();
                refresh();
            } catch (ValidationFailed failed) {
                ruleClaims.setErrorMessage(failed.getMessage());
                ruleClaims.setInvalid(true);
            }
        });
        Div ruleForm = new Div(ruleIssuer, ruleClaims, ruleAccount, addRule);
        ruleForm.addClassName("dp-toolbar");

        add(
                new Paragraph("Service accounts are who pipelines act as. Give one an API token, or better, trust your "
                        + "CI system's OIDC identity so that no secret lives in the pipeline."),
                accounts,
                accountForm,
                tokens,
                new H3("Trusted CI identities"),
                issuers,
                issuerForm,
                new H3("Map a pipeline to a service account"),
                ruleForm);
        refresh();
    }

    /** "name=value" lines; a line without '=' is a claim without value, which the service refuses. */
    static Map<String, String> claims(String text) {
        Map<String, String> claims = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                int eq = line.indexOf('=');
                claims.put(
                        eq < 0 ? line.strip() : line.substring(0, eq).strip(),
                        eq < 0 ? "" : line.substring(eq + 1).strip());
            }
        }
        return claims;
    }

    void refresh() {
        var all = service.list();
        accounts.setItems(all);
        ruleAccount.setItems(all);
        var trusted = ci.list();
        issuers.setItems(trusted);
        ruleIssuer.setItems(trusted);
    }
}
