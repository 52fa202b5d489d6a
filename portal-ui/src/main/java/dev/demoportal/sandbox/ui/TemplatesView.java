package dev.demoportal.sandbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.environment.EnvironmentService;
import dev.demoportal.environment.RegionSummary;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.OrganisationService;
import dev.demoportal.sandbox.SandboxTemplateService;
import dev.demoportal.sandbox.SandboxTemplateService.QuotaOverride;
import dev.demoportal.sandbox.TemplateSummary;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/** Admins: the template catalogue and per-organisation quotas. */
@Route("admin/templates")
@PageTitle("Sandbox templates")
@RolesAllowed("ADMIN")
public class TemplatesView extends VerticalLayout {

    private final SandboxTemplateService templates;
    private final List<String> regionCodes;
    final Grid<TemplateSummary> grid = new Grid<>();
    final Grid<QuotaOverride> quotas = new Grid<>();
    final ComboBox<OrganisationRef> quotaOrganisation = new ComboBox<>("Organisation");
    final ComboBox<TemplateSummary> quotaTemplate = new ComboBox<>("Template");
    final IntegerField quotaValue = new IntegerField("Active sandboxes (empty: template default)");

    TemplatesView(
            SandboxTemplateService templates, EnvironmentService environments, OrganisationService organisations) {
        this.templates = templates;
        this.regionCodes =
                environments.regions().stream().map(RegionSummary::code).toList();
        Button add = new Button("New template", VaadinIcon.PLUS.create(), e -> edit(null));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Div toolbar = new Div(add);
        toolbar.addClassName("dp-toolbar");
        grid.setId("templates");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_NO_BORDER);
        grid.addColumn(TemplateSummary::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(t -> String.join(", ", t.regions())).setHeader("Regions");
        grid.addColumn(t -> t.defaultLifetimeHours() + " h / " + t.maxLifetimeHours() + " h")
                .setHeader("Default / max");
        grid.addColumn(t -> t.autoApprove() ? "automatic" : "by a person").setHeader("Approval");
        grid.addColumn(TemplateSummary::organisationQuota).setHeader("Quota");
        grid.addColumn(t -> t.active() ? "yes" : "no").setHeader("Requestable");
        grid.addComponentColumn(t -> {
                    Button edit = new Button("Edit", e -> edit(t));
                    edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
                    edit.setAriaLabel("Edit " + t.name());
                    return edit;
                })
                .setKey("edit")
                .setHeader("");
        grid.setAllRowsVisible(true);

        quotaOrganisation.setItems(organisations.all());
        quotaOrganisation.setItemLabelGenerator(OrganisationRef::name);
        quotaTemplate.setItemLabelGenerator(TemplateSummary::name);
        quotaValue.setMin(0);
        quotaValue.setMax(1000);
        Button setQuota = new Button("Set quota", e -> setQuota());
        Div quotaForm = new Div(quotaOrganisation, quotaTemplate, quotaValue, setQuota);
        quotaForm.addClassName("dp-toolbar");
        quotas.setId("quota-overrides");
        quotas.addColumn(q -> q.organisation().name()).setHeader("Organisation");
        quotas.addColumn(QuotaOverride::templateSlug).setHeader("Template");
        quotas.addColumn(QuotaOverride::maxActive).setHeader("Active sandboxes");
        quotas.setAllRowsVisible(true);
        quotas.setEmptyStateText("Every organisation has its templates' default quota.");
        add(toolbar, grid, new H3("Quota overrides"), quotaForm, quotas);
        refresh();
    }

    void refresh() {
        List<TemplateSummary> all = templates.all();
        grid.setItems(all);
        quotaTemplate.setItems(all);
        quotas.setItems(templates.quotaOverrides());
    }

    private void edit(TemplateSummary existing) {
        new TemplateEditor(templates, regionCodes, existing, saved -> {
                    Notification.show("Saved " + saved.name(), 3000, Notification.Position.BOTTOM_START)
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    refresh();
                })
                .open();
    }

    private void setQuota() {
        if (quotaOrganisation.getValue() == null || quotaTemplate.getValue() == null) {
            Notification.show("Choose an organisation and a template", 4000, Notification.Position.MIDDLE);
            return;
        }
        try {
            templates.setQuota(
                    quotaOrganisation.getValue().slug(),
                    quotaTemplate.getValue().slug(),
                    quotaValue.getValue());
            refresh();
        } catch (ValidationFailed failed) {
            quotaValue.setErrorMessage(failed.getMessage());
            quotaValue.setInvalid(true);
        }
    }
}
