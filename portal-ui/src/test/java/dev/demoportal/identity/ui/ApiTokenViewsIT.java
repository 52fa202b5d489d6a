package dev.demoportal.identity.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Pre;
import dev.demoportal.ViewTestSupport;
import dev.demoportal.identity.ApiCaller;
import dev.demoportal.identity.ApiTokenService;
import dev.demoportal.identity.CallerRejected;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** API tokens on My account and service accounts on the admins' page, used as a person would. */
class ApiTokenViewsIT extends ViewTestSupport {

    @Autowired
    ApiTokenService tokens;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPersonCreatesATokenSeesItOnceAndRevokesIt() {
        UserAccount alice = openUiAs(Person.ALICE);
        UI.getCurrent().navigate("account");
        ApiTokensPanel panel = _get(ApiTokensPanel.class);
        String name = "ui token " + UUID.randomUUID().toString().substring(0, 6);

        panel.name.setValue(name);
        _click(panel.create);

        String shown = _get(Pre.class, spec -> spec.withId("new-api-token")).getText();
        assertThat(shown).matches("dpt_[0-9A-Za-z]{46}");
        ApiCaller caller = tokens.authenticate(shown);
        assertThat(caller.user().id()).isEqualTo(alice.id());
        assertThat(caller.roles()).containsExactly(Role.FIELD_ENGINEER);
        int row = rowOf(panel, name);
        assertThat(_getFormattedRow(panel.grid, row).get(1)).isEqualTo(shown.substring(0, 12) + "…");
        assertThat(_getFormattedRow(panel.grid, row)).doesNotContain(shown);

        Button revoke = (Button) GridKt._getCellComponent(panel.grid, row, "actions");
        _click(revoke);
        _fireConfirm(_get(ConfirmDialog.class));

        assertThat(_getFormattedRow(panel.grid, rowOf(panel, name)).get(5)).isEqualTo("revoked");
        try {
            tokens.authenticate(shown);
            throw new AssertionError("a revoked token was accepted");
        } catch (CallerRejected refused) {
            assertThat(refused.code()).isEqualTo("auth.token_revoked");
        }
    }

    @Test
    void anAdminCreatesAServiceAccountGivesItATokenAndTrustsACiIssuer() {
        openUiAs(Person.ADAM);
        UI.getCurrent().navigate("admin/service-accounts");
        ServiceAccountsView view = _get(ServiceAccountsView.class);
        String name = "Nightly " + UUID.randomUUID().toString().substring(0, 6);

        view.accountName.setValue(name);
        _click(_get(Button.class, spec -> spec.withText("Create service account")));
        int row = -1;
        for (int i = 0; i < _size(view.accounts); i++) {
            if (_getFormattedRow(view.accounts, i).get(0).equals(name)) {
                row = i;
            }
        }
        assertThat(row).as("the new service account is listed").isNotNegative();
        view.accounts.select(GridKt._get(view.accounts, row));
        ApiTokensPanel panel = _get(ApiTokensPanel.class);
        panel.name.setValue("deploy");
        _click(panel.create);
        String token = _get(Pre.class, spec -> spec.withId("new-api-token")).getText();
        assertThat(tokens.authenticate(token).user().displayName()).isEqualTo(name);

        view.issuerName.setValue("GitHub " + name);
        view.issuerUrl.setValue("https://token.actions.githubusercontent.com/" + UUID.randomUUID());
        view.audience.setValue("demo-portal");
        _click(_get(Button.class, spec -> spec.withText("Trust issuer")));
        view.ruleIssuer.setValue(view.ruleIssuer
                .getListDataView()
                .getItems()
                .filter(i -> i.name().equals("GitHub " + name))
                .findFirst()
                .orElseThrow());
        view.ruleAccount.setValue(view.ruleAccount
                .getListDataView()
                .getItems()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow());
        view.ruleClaims.setValue("repository=acme/app\nref=refs/heads/main");
        _click(_get(Button.class, spec -> spec.withText("Add rule")));

        assertThat(view.ruleClaims.isInvalid()).isFalse();
        List<String> rules = jdbc.queryForList(
                "select r.claims::text from ci_identity_rule r join ci_issuer i "
                        + "on i.id = r.issuer_id where i.name = ?",
                String.class,
                "GitHub " + name);
        assertThat(rules)
                .singleElement()
                .satisfies(claims -> assertThat(claims)
                        .contains("\"repository\": \"acme/app\"")
                        .contains("\"ref\": \"refs/heads/main\""));
    }

    @Test
    void anInsecureIssuerAddressIsAFieldMessage() {
        openUiAs(Person.ADAM);
        UI.getCurrent().navigate("admin/service-accounts");
        ServiceAccountsView view = _get(ServiceAccountsView.class);

        view.issuerName.setValue("Plain http " + UUID.randomUUID());
        view.issuerUrl.setValue("http://ci.example.com");
        view.audience.setValue("x");
        _click(_get(Button.class, spec -> spec.withText("Trust issuer")));

        assertThat(view.issuerUrl.isInvalid()).isTrue();
        assertThat(view.issuerUrl.getErrorMessage()).contains("https");
        assertThat(_find(ServiceAccountsView.class)).hasSize(1);
    }

    private static int rowOf(ApiTokensPanel panel, String name) {
        for (int i = 0; i < _size(panel.grid); i++) {
            if (_getFormattedRow(panel.grid, i).get(0).equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no token " + name);
    }
}
