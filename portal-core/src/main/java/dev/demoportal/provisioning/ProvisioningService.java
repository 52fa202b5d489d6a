package dev.demoportal.provisioning;

import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contract between the sandbox lifecycle and the worker. CONTRACT ONLY for now: the worker
 * issue (provisioning jobs) implements it; signatures are agreed, bodies are not written yet.
 */
@Service
public class ProvisioningService {

    /**
     * Records a job with its plan ({@link ProvisioningPlan}) and its durable execution, in the
     * caller's transaction (approval and job commit together, or neither), and wakes idle workers
     * when it commits. Returns the job id.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID schedule(SandboxSpec spec, JobKind kind) {
        throw new UnsupportedOperationException("provisioning jobs: not implemented yet");
    }

    /** Jobs of one sandbox, newest first, with their steps. The caller has checked the sandbox is visible. */
    @Transactional(readOnly = true)
    public List<JobView> jobs(UUID sandboxId) {
        throw new UnsupportedOperationException("provisioning jobs: not implemented yet");
    }

    /** Runs a failed job again from its failed step. */
    @PreAuthorize("hasAnyRole('FIELD_ENGINEER', 'ADMIN')")
    @Transactional
    public JobView retry(UUID jobId) {
        throw new UnsupportedOperationException("provisioning jobs: not implemented yet");
    }
}
