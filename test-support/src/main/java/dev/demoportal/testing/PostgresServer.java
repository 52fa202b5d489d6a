package dev.demoportal.testing;

/**
 * A PostgreSQL server tests may create databases on.
 *
 * @param adminUrl JDBC URL of a database to connect to for {@code CREATE DATABASE}
 * @param source where it came from, for the log
 */
record PostgresServer(String adminUrl, String username, String password, String source) {

    /** The same server, another database. */
    String urlFor(String database) {
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }
}
