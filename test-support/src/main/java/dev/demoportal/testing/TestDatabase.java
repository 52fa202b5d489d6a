package dev.demoportal.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** One database of the test server, owned by one test class. */
public record TestDatabase(String url, String username, String password, String name) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }
}
