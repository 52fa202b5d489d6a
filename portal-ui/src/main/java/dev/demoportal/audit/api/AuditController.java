package dev.demoportal.audit.api;

import dev.demoportal.audit.AuditEntry;
import dev.demoportal.audit.AuditQuery;
import dev.demoportal.audit.AuditService;
import dev.demoportal.base.api.ApiProblem;
import dev.demoportal.base.api.CsvWriter;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail: a search page for managers and admins, a streamed CSV export (customers: their organisation only). */
@RestController
@RequestMapping("/api/v1")
class AuditController {

    record AuditPage(long total, int offset, int limit, List<AuditEntry> items) {}

    static final String[] HEADER = {
        "id", "occurred_at", "actor_id", "actor", "action", "target_type", "target_id", "organisation_id", "details"
    };

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @ApiProblem("validation.failed")
    @GetMapping("/audit")
    @Operation(
            summary = "Search the audit trail, newest first: from/to (ISO instants), actor (part of the name), "
                    + "action (prefix), targetType, targetId, organisation, q (text in what the trail shows: target id, "
                    + "details, actor, the action's label such as 'Sandbox secrets revealed', environment names)")
    AuditPage search(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String targetType,
            @RequestParam(required = false) @Nullable String targetId,
            @RequestParam(required = false) @Nullable UUID organisation,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "50") int limit) {
        AuditQuery query = new AuditQuery(from, to, actor, action, targetType, targetId, organisation, q);
        int size = Math.clamp(limit, 1, AuditService.MAX_PAGE);
        int start = Math.max(0, offset);
        return new AuditPage(audit.count(query), start, size, audit.search(query, start, size));
    }

    @ApiProblem("validation.failed")
    @GetMapping("/audit.csv")
    @Operation(summary = "The search as CSV, streamed; customers get their own organisation's entries only")
    void export(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant to,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String targetType,
            @RequestParam(required = false) @Nullable String targetId,
            @RequestParam(required = false) @Nullable UUID organisation,
            @RequestParam(required = false) @Nullable String q,
            HttpServletResponse response)
            throws IOException {
        AuditQuery query =
                audit.exportable(new AuditQuery(from, to, actor, action, targetType, targetId, organisation, q));
        CsvWriter.stream(response, "audit.csv", HEADER, csv -> audit.export(query, e -> write(csv, e)));
    }

    static void write(CsvWriter csv, AuditEntry e) {
        csv.row(
                e.id(),
                e.occurredAt(),
                e.actorId(),
                e.actorName(),
                e.action(),
                e.targetType(),
                e.targetId(),
                e.organisationId(),
                e.details());
    }
}
