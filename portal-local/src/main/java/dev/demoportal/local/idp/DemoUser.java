package dev.demoportal.local.idp;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A demo account of the local OIDC provider and the claims its tokens carry. */
record DemoUser(
        String username,
        String name,
        String email,
        List<String> groups,
        @Nullable String organisation,
        String description) {

    /** Everyone local mode offers; all use the password {@code demo}. */
    static final List<DemoUser> ALL = List.of(
            new DemoUser(
                    "alice", "Alice Field", "alice@demoportal.dev", List.of("field-engineers"), null, "field engineer"),
            new DemoUser(
                    "frank", "Frank Field", "frank@demoportal.dev", List.of("field-engineers"), null, "field engineer"),
            new DemoUser("maria", "Maria Manager", "maria@demoportal.dev", List.of("managers"), null, "manager"),
            new DemoUser("adam", "Adam Admin", "adam@demoportal.dev", List.of("admins"), null, "admin"),
            new DemoUser(
                    "carol",
                    "Carol Customer",
                    "carol@acme.example",
                    List.of("customers"),
                    "Acme Corp",
                    "customer at Acme Corp"),
            new DemoUser(
                    "dave",
                    "Dave Customer",
                    "dave@globex.example",
                    List.of("customers"),
                    "Globex",
                    "customer at Globex"));

    static @Nullable DemoUser named(String username) {
        return ALL.stream()
                .filter(u -> u.username().equals(username))
                .findFirst()
                .orElse(null);
    }
}
