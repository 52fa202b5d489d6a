package dev.demoportal.environment;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One report of what was deployed; never changed once written (the history is the record). */
@Entity
@Table(name = "environment_deployment")
class Deployment {

    @Id
    private UUID id;

    private UUID environmentId;

    private @Nullable Integer slotNo;

    private String version;

    private @Nullable String commitSha;

    private @Nullable String pipelineUrl;

    @Enumerated(EnumType.STRING)
    private DeploymentStatus status;

    private Instant observedAt;

    private Instant reportedAt;

    private @Nullable UUID reportedBy;

    private String reporterName;

    protected Deployment() {
        this.id = new UUID(0, 0);
        this.environmentId = new UUID(0, 0);
        this.version = "";
        this.status = DeploymentStatus.DEPLOYING;
        this.observedAt = Instant.EPOCH;
        this.reportedAt = Instant.EPOCH;
        this.reporterName = "";
    }

    Deployment(
            UUID environmentId,
            @Nullable Integer slotNo,
            DeploymentReport report,
            Instant observedAt,
            Instant now,
            @Nullable UUID reportedBy,
            String reporterName) {
        this.id = UUID.randomUUID();
        this.environmentId = environmentId;
        this.slotNo = slotNo;
        this.version = report.version();
        this.commitSha = report.commit();
        this.pipelineUrl = report.pipelineUrl();
        this.status = report.status();
        this.observedAt = observedAt;
        this.reportedAt = now;
        this.reportedBy = reportedBy;
        this.reporterName = reporterName;
    }

    Instant observedAt() {
        return observedAt;
    }

    DeploymentSummary toView() {
        return new DeploymentSummary(
                id,
                environmentId,
                slotNo,
                version,
                commitSha,
                pipelineUrl,
                status,
                observedAt,
                reportedAt,
                reporterName);
    }
}
