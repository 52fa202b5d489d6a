package dev.demoportal.identity;

import dev.demoportal.base.CurrentActor;
import dev.demoportal.base.InputRules;
import dev.demoportal.base.ValidationFailed;
import dev.demoportal.identity.IdentityEvents.ServiceAccountCreated;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Service accounts: users of the portal that are no person, for pipelines and scripts. An admin
 * creates one with roles (staff roles only: a service account belongs to no customer
 * organisation), then gives it API tokens ({@link ApiTokenService}) or trusts a CI identity for it
 * ({@link CiIdentityService}).
 */
@Service
public class ServiceAccountService {

    /** The issuer of every service account's user row; no identity provider has it. */
    public static final String ISSUER = "urn:demoportal:service-account";

    private final PortalUserRepository users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ServiceAccountService(PortalUserRepository users, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public ServiceAccountSummary create(String name, Set<Role> roles) {
        List<ValidationFailed.FieldError> errors = new ArrayList<>(InputRules.checkText("name", name));
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > 80) {
            errors.add(new ValidationFailed.FieldError(
                    "name", "Give the service account a name of 1 to 80 " + "characters."));
        } else if (users.findByIssuerAndSubject(ISSUER, UserService.slugOf(stripped))
                .isPresent()) {
            errors.add(new ValidationFailed.FieldError("name", "A service account of this name exists."));
        }
        if (roles == null || roles.isEmpty() || roles.contains(Role.CUSTOMER)) {
            errors.add(new ValidationFailed.FieldError(
                    "roles", "Give it one or more staff roles " + "(FIELD_ENGINEER, MANAGER, ADMIN)."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        PortalUser account = users.saveAndFlush(PortalUser.serviceAccount(stripped, roles, clock.instant()));
        ServiceAccountSummary view = view(account);
        events.publishEvent(new ServiceAccountCreated(CurrentActor.actor(), view));
        return view;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<ServiceAccountSummary> list() {
        return users.findByServiceAccountTrueOrderByDisplayName().stream()
                .map(ServiceAccountService::view)
                .toList();
    }

    static ServiceAccountSummary view(PortalUser account) {
        UserAccount a = account.toAccount();
        return new ServiceAccountSummary(a.id(), a.displayName(), a.roles(), account.createdAt());
    }
}
