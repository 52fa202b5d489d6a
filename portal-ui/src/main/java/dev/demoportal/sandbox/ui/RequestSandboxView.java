package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import dev.demoportal.base.Conflict;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.base.ui.FieldErrors;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.RegionSummary;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import dev.demoportal.sandbox.QuotaUsage;
import dev.demoportal.sandbox.SandboxQuotaService;
import dev.demoportal.sandbox.SandboxRequest;
import dev.demoportal.sandbox.SandboxRequestService;
import dev.demoportal.sandbox.SandboxSummary;
import dev.demoportal.sandbox.TemplateSummary;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * "Request a sandbox": the catalogue as cards; choosing one opens the form for region, lifetime
 * and use case (field engineers also name the customer organisation). The service validates. How
 * much of each template's quota the organisation has left is shown up front (on the cards for
 * customers, under the organisation for staff): a template whose quota is used up cannot be chosen,
 * so nobody fills in a form the quota refuses anyway.
 */
@Route("sandboxes/request")
@PageTitle("Request a sandbox")
@RolesAllowed({"CUSTOMER", "FIELD_ENGINEER", "MANAGER", "ADMIN"})
public class RequestSandboxView extends VerticalLayout {

    private final SandboxRequestService requestService;
    private final SandboxQuotaService quotas;
    private final UserAccount me;
    private final Map<String, String> regionNames;
    private final List<OrganisationRef> organisations;
    final Div catalogue = new Div();
    final Div form = new Div();

    final Select<String> region = new Select<>();
    final IntegerField lifetime = new IntegerField("Lifetime (hours)");
    final TextArea useCase = new TextArea("What do you want to try?");
    final ComboBox<OrganisationRef> organisation = new ComboBox<>("Customer organisation");
    final Button submit = new Button("Send request");
    final Span quotaNote = new Span();
    /** A customer's organisation's quotas, by template slug (staff name the organisation in the form). */
    private final Map<String, QuotaUsage> ours;

    private @Nullable TemplateSummary chosen;

    RequestSandboxView(
            SandboxRequestService requestService,
            SandboxQuotaService quotas,
            EnvironmentService environments,
            OrganisationService organisationService,
            UserService users) {
        this.requestService = requestService;
        this.quotas = quotas;
        this.me = users.me();
        this.regionNames =
                environments.regions().stream().collect(Collectors.toMap(RegionSummary::code, RegionSummary::name));
        this.organisations = me.customer() ? List.of() : organisationService.all();
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> send());
        catalogue.addClassName("dp-cards");
        catalogue.setId("templates");
        quotaNote.setId("quota-note");
        quotaNote.addClassName("dp-muted");
        organisation.addValueChangeListener(e -> showQuota());
        List<TemplateSummary> templates = requestService.templates();
        if (templates.isEmpty()) {
            catalogue.add(new Paragraph("There are no templates to request yet."));
        }
        this.ours = me.customer() && me.organisation() != null
                ? quotas.quotas(null).stream().collect(Collectors.toMap(QuotaUsage::templateSlug, q -> q))
                : Map.of();
        templates.forEach(t -> catalogue.add(card(t, ours.get(t.slug()))));
        add(catalogue, form);
    }

    /** "Acme Corp: 1 of 2 in use, 1 left", or why none is left and what to do. */
    static String quotaText(QuotaUsage q) {
        String use = q.organisation().name() + ": " + q.active() + " of " + q.quota() + " in use";
        if (q.left() > 0) {
            return use + ", " + q.left() + " left";
        }
        return use + ", none left. Tear one down or cancel a request still waiting for approval, or ask your "
                + "contact to raise the quota.";
    }

    private Component card(TemplateSummary t, @Nullable QuotaUsage quota) {
        Div card = new Div(new H3(t.name()), new Paragraph(t.description()));
        card.addClassNames("dp-card", "dp-template-card");
        card.getElement().setAttribute("data-template", t.slug());
        if (!t.offeringLines().isEmpty()) {
            UnorderedList offering = new UnorderedList();
            t.offeringLines().forEach(line -> offering.add(new ListItem(line)));
            card.add(offering);
        }
        Span facts = new Span("Regions: "
                + t.regions().stream().map(r -> regionNames.getOrDefault(r, r)).collect(Collectors.joining(", "))
                + " · " + t.defaultLifetimeHours() + " h by default, up to "
                + t.maxLifetimeHours() + " h" + (t.autoApprove() ? " · approved at once within the default" : ""));
        facts.addClassName("dp-muted");
        Button choose = new Button("Choose", e -> choose(t));
        choose.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        choose.setAriaLabel("Choose " + t.name());
        card.add(new Div(facts));
        if (quota != null) {
            Span left = new Span(quotaText(quota));
            left.addClassName("dp-quota");
            left.getElement().setAttribute("data-quota-left", String.valueOf(quota.left()));
            card.add(new Div(left));
            choose.setEnabled(quota.left() > 0);
        }
        card.add(choose);
        return card;
    }

    /** The quota of the chosen template: the customer's organisation's, or the one staff named. */
    private void showQuota() {
        TemplateSummary t = chosen;
        OrganisationRef named = organisation.getValue();
        if (t != null && ours.containsKey(t.slug())) {
            quotaNote.setText(quotaText(ours.get(t.slug())));
            return;
        }
        if (t == null || named == null) {
            quotaNote.setText("");
            return;
        }
        quotaNote.setText(quotas.quotas(named.slug()).stream()
                .filter(q -> q.templateSlug().equals(t.slug()))
                .findFirst()
                .map(RequestSandboxView::quotaText)
                .orElse(""));
    }

    void choose(TemplateSummary t) {
        chosen = t;
        form.removeAll();
        region.setLabel("Region");
        region.setItems(t.regions());
        region.setItemLabelGenerator(code -> regionNames.getOrDefault(code, code));
        region.setValue(t.regions().getFirst());
        lifetime.setValue(t.defaultLifetimeHours());
        lifetime.setMin(1);
        lifetime.setMax(t.maxLifetimeHours());
        lifetime.setStepButtonsVisible(true);
        lifetime.setHelperText("Up to " + t.maxLifetimeHours() + " hours"
                + (t.autoApprove() ? "; within " + t.defaultLifetimeHours() + " it is approved at once" : ""));
        useCase.setMaxLength(2000);
        useCase.setWidthFull();
        FormLayout layout = new FormLayout();
        if (!me.customer()) {
            organisation.setItems(organisations);
            organisation.setItemLabelGenerator(OrganisationRef::name);
            layout.add(organisation);
        }
        layout.add(region, lifetime, useCase);
        layout.setColspan(useCase, 2);
        showQuota();
        Div box = new Div(new H3("Request: " + t.name()), layout, new Div(quotaNote), submit);
        box.addClassName("dp-card");
        form.add(box);
    }

    void send() {
        TemplateSummary t = chosen;
        if (t == null) {
            return;
        }
        FieldErrors errors = new FieldErrors()
                .field("region", region)
                .field("lifetimeHours", lifetime)
                .field("useCase", useCase)
                .field("organisation", organisation);
        try {
            SandboxSummary created = requestService.request(new SandboxRequest(
                    t.slug(),
                    region.getValue() == null ? "" : region.getValue(),
                    lifetime.getValue(),
                    useCase.getValue(),
                    organisation.getValue() == null
                            ? null
                            : organisation.getValue().slug()));
            Notification.show(
                            created.decidedByPolicy()
                                    ? "Approved at once: provisioning starts now."
                                    : "Requested. We will tell you when it is decided.",
                            4000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            getUI().ifPresent(ui -> ui.navigate(
                    SandboxPageView.class,
                    new RouteParameters("id", created.id().toString())));
        } catch (ValidationFailed failed) {
            String unplaced = errors.show(failed);
            if (!unplaced.isEmpty()) {
                Notification.show(unplaced, 6000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_WARNING);
            }
        } catch (Conflict conflict) {
            errors.clear();
            Notification.show(conflict.getMessage(), 8000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_WARNING);
        }
    }
}
