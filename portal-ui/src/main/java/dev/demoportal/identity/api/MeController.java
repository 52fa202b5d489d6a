package dev.demoportal.identity.api;

import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.identity.OrganisationRef;
import dev.demoportal.identity.Role;
import dev.demoportal.identity.UserAccount;
import dev.demoportal.identity.UserService;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
class MeController {

    /** The caller as the portal sees them. */
    record Me(
            UUID id,
            @Nullable String email,
            String name,
            List<String> roles,
            @Nullable OrganisationRef organisation) {}

    private final UserService users;

    MeController(UserService users) {
        this.users = users;
    }

    @ApiProblem
    @GetMapping("/me")
    @Operation(summary = "The signed-in user: id, e-mail, name, roles and organisation")
    Me me() {
        UserAccount me = users.me();
        return new Me(
                me.id(),
                me.email(),
                me.displayName(),
                me.roles().stream().map(Role::name).sorted().toList(),
                me.organisation());
    }
}
