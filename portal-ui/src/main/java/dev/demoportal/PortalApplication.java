package dev.demoportal;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;
import dev.demoportal.operations.Migration;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The portal web app. Its jar carries the worker's jar for the worker's AWS KMS auto-configuration
 * (the sandbox keyset), so the scan leaves the worker's own package out: the worker's application
 * is a context of its own, and joins the portal only through its auto-configuration when
 * {@code portal.worker.embedded=true} (local mode, which is the {@code portal-local} module).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        excludeFilters = {
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.demoportal\\.provisioning\\.worker\\..*")
        })
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles.css")
public class PortalApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        if (args.length > 0 && Migration.COMMAND.equals(args[0])) {
            Migration.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(PortalApplication.class, args);
    }

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Demo Portal");
        settings.addFavIcon("icon", "icons/icon.svg", "any");
    }
}
