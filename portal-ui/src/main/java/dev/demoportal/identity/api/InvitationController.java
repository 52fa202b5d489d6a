package dev.demoportal.identity.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.base.api.Pages;
import dev.demoportal.identity.InvitationService;
import dev.demoportal.identity.InvitationSummary;
import dev.demoportal.identity.NewInvitation;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer invitations without the browser, as on the Invitations page: field engineers and
 * admins invite and revoke, managers too may list. Each is audited ({@code invitation.sent},
 * {@code invitation.revoked}).
 */
@RestController
@RequestMapping("/api/v1/invitations")
class InvitationController {

    /** Who to invite into which organisation (slug); {@code organization} is the deprecated spelling. */
    record NewInvitationInput(
            @Nullable String email,
            @JsonAlias("organization") @Nullable String organisation) {}

    /** An invitation (never its token). */
    record InvitationJson(
            UUID id,
            String email,
            String organisation,
            String invitedBy,
            Instant createdAt,
            Instant expiresAt,
            @Nullable Instant acceptedAt,
            @Nullable Instant revokedAt,
            String state) {

        static InvitationJson of(InvitationSummary i) {
            return new InvitationJson(
                    i.id(),
                    i.email(),
                    i.organisation().slug(),
                    i.invitedBy(),
                    i.createdAt(),
                    i.expiresAt(),
                    i.acceptedAt(),
                    i.revokedAt(),
                    i.state().name());
        }
    }

    /**
     * An invitation just made, with its one-time {@code link} (shown this once; only its hash is
     * kept) and {@code mail}: QUEUED, or NOT_CONFIGURED when no mail goes out (pass the link on).
     */
    record InvitationCreated(InvitationJson invitation, String link, String mail) {}

    private final InvitationService invitations;

    InvitationController(InvitationService invitations) {
        this.invitations = invitations;
    }

    @PostMapping
    @ApiProblem("validation.failed")
    @Operation(
            summary = "Field engineers and admins: invite {email, organisation} (slug); the link is in the answer once")
    ResponseEntity<InvitationCreated> invite(@RequestBody NewInvitationInput body) {
        NewInvitation created = invitations.invite(
                body.email() == null ? "" : body.email(), body.organisation() == null ? "" : body.organisation());
        return ResponseEntity.created(
                        URI.create("/api/v1/invitations/" + created.invitation().id()))
                .body(new InvitationCreated(
                        InvitationJson.of(created.invitation()),
                        created.link(),
                        created.mail().name()));
    }

    @GetMapping
    @ApiProblem("validation.failed")
    @Operation(summary = "Field engineers, managers and admins: every invitation, newest first")
    ResponseEntity<List<InvitationJson>> invitations(
            @RequestParam(required = false) @Nullable Integer offset,
            @RequestParam(required = false) @Nullable Integer limit) {
        Pages.Paging paging = Pages.Paging.of(offset, limit);
        return Pages.page(
                invitations.page(paging.offset(), paging.limit()).stream()
                        .map(InvitationJson::of)
                        .toList(),
                invitations.count(),
                paging);
    }

    @DeleteMapping("/{id}")
    @ApiProblem({"invitation.not_found", "invitation.not_open"})
    @Operation(summary = "Field engineers and admins: revoke an open invitation; its link stops working")
    InvitationJson revoke(@PathVariable UUID id) {
        return InvitationJson.of(invitations.revoke(id));
    }
}
