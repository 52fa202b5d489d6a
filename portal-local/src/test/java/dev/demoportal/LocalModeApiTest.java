package dev.demoportal;

import dev.demoportal.testing.PortalDatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every API test of local mode with its demo data starts from: the portal on a random port,
 * its in-process IdP, a client for the API, and the demo users' access tokens. The tests share one
 * Spring context (the same configuration), so each makes its own rows and names them uniquely.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"portal.local.enabled=true", "portal.local.idp-port=0", "portal.local.demo-data=true"})
@PortalDatabaseTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LocalModeApiTest {

    @LocalServerPort
    int port;

    @Value("${portal.local.idp-issuer}")
    String issuer;

    @Autowired
    protected JdbcTemplate jdbc;

    protected ApiClient api;

    private DemoSignIn signIn;

    @BeforeAll
    protected final void connect() {
        api = new ApiClient(port);
        signIn = new DemoSignIn(issuer);
    }

    /** An access token of a demo user (e.g. {@code "alice"}), signed in at the local IdP. */
    protected final String signIn(String username) {
        return signIn.accessToken(username);
    }
}
