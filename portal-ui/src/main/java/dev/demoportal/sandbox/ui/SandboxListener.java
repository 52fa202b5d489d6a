package dev.demoportal.sandbox.ui;

import dev.demoportal.base.ui.ChangeListener;
import dev.demoportal.sandbox.SandboxChanges;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Sandbox changes of every replica and worker ({@code LISTEN sandbox_changed}): state changes from
 * the portal, job and step progress from the worker; the id is the sandbox's. Views also look again
 * every 30 s, for expiry countdowns.
 */
@Component
public class SandboxListener extends ChangeListener {

    SandboxListener(DataSource dataSource) {
        super(dataSource, SandboxChanges.CHANNEL, Duration.ofSeconds(30));
    }
}
