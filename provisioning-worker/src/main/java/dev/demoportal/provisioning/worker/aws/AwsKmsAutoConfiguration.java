package dev.demoportal.provisioning.worker.aws;

import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * AWS KMS for the sandbox keyset, in both apps (the portal reveals secrets, the worker stores
 * them) whenever {@code portal.sandbox.keys.kms-key-uri} is set; the sandbox feature picks the
 * {@link com.google.crypto.tink.KmsClient} that supports the URI. Properties are read by name so
 * this driver package does not depend on the sandbox feature (which depends on provisioning).
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "portal.sandbox.keys", name = "kms-key-uri")
public class AwsKmsAutoConfiguration {

    /** Credentials from the default chain; a test may declare its own provider bean. */
    @Bean
    AwsKeyManagement awsKeyManagement(Environment environment, ObjectProvider<AwsCredentialsProvider> credentials) {
        return new AwsKeyManagement(
                credentials.getIfAvailable(
                        () -> DefaultCredentialsProvider.builder().build()),
                environment.getProperty("portal.sandbox.keys.kms-endpoint-override", URI.class));
    }
}
