package dev.demoportal.provisioning.worker.aws;

import dev.demoportal.provisioning.StepFailure;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts AWS errors into the runner's two kinds: worth retrying (throttling, timeouts, 5xx, network
 * trouble) or not (access denied, validation, limits): those fail the job with AWS's own message.
 */
public final class AwsErrors {

    private static final Set<String> TRANSIENT_CODES = Set.of(
            "Throttling",
            "ThrottlingException",
            "TooManyRequestsException",
            "RequestLimitExceeded",
            "PriorRequestNotComplete",
            "ServiceUnavailable",
            "InternalFailure",
            "InternalError",
            "ServiceFailure",
            "RequestTimeout",
            "RequestTimeoutException",
            "ConcurrentModification",
            "ConcurrentModificationException",
            "IDPCommunicationError",
            "InvalidChangeBatch.Throttled");

    private AwsErrors() {}

    public static StepFailure classify(String doing, SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null
                    ? ""
                    : service.awsErrorDetails().errorCode();
            String message = doing + ": " + code + " "
                    + (service.awsErrorDetails() == null
                            ? service.getMessage()
                            : service.awsErrorDetails().errorMessage());
            boolean transientFailure = service.statusCode() >= 500
                    || service.statusCode() == 429
                    || service.isThrottlingException()
                    || TRANSIENT_CODES.contains(code);
            return transientFailure ? StepFailure.transientFailure(message, e) : StepFailure.permanent(message, e);
        }
        if (e instanceof ApiCallTimeoutException
                || e instanceof ApiCallAttemptTimeoutException
                || e instanceof AbortedException
                || e instanceof SdkClientException) {
            return StepFailure.transientFailure(doing + ": " + e.getMessage(), e);
        }
        return StepFailure.permanent(doing + ": " + e.getMessage(), e);
    }
}
