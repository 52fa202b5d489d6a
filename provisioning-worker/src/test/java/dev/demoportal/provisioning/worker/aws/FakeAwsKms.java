package dev.demoportal.provisioning.worker.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A FAKE of AWS KMS's JSON protocol ({@code X-Amz-Target: TrentService.Encrypt/Decrypt},
 * {@code application/x-amz-json-1.1}) on WireMock, for tests that drive the real AWS SDK client.
 * It holds its keys itself and really encrypts, binds the encryption context, answers Decrypt
 * with the key's ARN, and fails as KMS does ({@code InvalidCiphertextException},
 * {@code IncorrectKeyException}, {@code AccessDeniedException}). It checks no IAM policy and no
 * request signature: that the apps may call {@code kms:Decrypt} is the IAM policy's business.
 */
public final class FakeAwsKms implements ResponseDefinitionTransformerV2 {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final WireMockServer server;
    private final Map<String, Aead> keys = new ConcurrentHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean denying;

    public FakeAwsKms() {
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(this));
        server.start();
        server.stubFor(post(urlPathEqualTo("/"))
                .withHeader("X-Amz-Target", matching("TrentService\\..+"))
                .willReturn(aResponse().withTransformers(getName())));
    }

    /** A new symmetric key under {@code arn}, as {@code aws kms create-key} would make. */
    public FakeAwsKms withKey(String arn) {
        try {
            keys.put(
                    arn,
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                            .getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** From now on every call fails with AccessDeniedException (a role without kms:Decrypt), or not. */
    public void denying(boolean deny) {
        this.denying = deny;
    }

    public String endpoint() {
        return server.baseUrl();
    }

    /** The operations called, in order: {@code Decrypt arn:...}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    public void stop() {
        server.stop();
    }

    @Override
    public String getName() {
        return "fake-aws-kms";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String operation = event.getRequest().getHeader("X-Amz-Target").substring("TrentService.".length());
        JsonNode body = JSON.readTree(event.getRequest().getBodyAsString());
        String keyId = body.path("KeyId").asString(null);
        calls.add(operation + " " + keyId);
        if (denying) {
            return error("AccessDeniedException", "User is not authorized to perform: kms:" + operation);
        }
        try {
            return switch (operation) {
                case "Encrypt" -> encrypt(keyId, body);
                case "Decrypt" -> decrypt(keyId, body);
                default -> error("UnsupportedOperationException", operation + " is not faked");
            };
        } catch (GeneralSecurityException e) {
            return error("InvalidCiphertextException", null);
        }
    }

    private ResponseDefinition encrypt(@Nullable String keyId, JsonNode body) throws GeneralSecurityException {
        Aead key = keyId == null ? null : keys.get(keyId);
        if (key == null) {
            return error("NotFoundException", "Key '" + keyId + "' does not exist");
        }
        byte[] sealed =
                key.encrypt(Base64.getDecoder().decode(body.path("Plaintext").asString()), context(body));
        byte[] arn = keyId.getBytes(StandardCharsets.UTF_8);
        byte[] blob = ByteBuffer.allocate(2 + arn.length + sealed.length)
                .putShort((short) arn.length)
                .put(arn)
                .put(sealed)
                .array();
        ObjectNode response = JSON.createObjectNode()
                .put("KeyId", keyId)
                .put("CiphertextBlob", Base64.getEncoder().encodeToString(blob))
                .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        return ok(response);
    }

    private ResponseDefinition decrypt(@Nullable String keyId, JsonNode body) throws GeneralSecurityException {
        ByteBuffer blob = ByteBuffer.wrap(
                Base64.getDecoder().decode(body.path("CiphertextBlob").asString()));
        byte[] arnBytes = new byte[blob.getShort()];
        blob.get(arnBytes);
        String arn = new String(arnBytes, StandardCharsets.UTF_8);
        if (keyId != null && !keyId.equals(arn)) {
            return error(
                    "IncorrectKeyException", "The key ID in the request does not identify the key that encrypted it");
        }
        Aead key = keys.get(arn);
        if (key == null) {
            return error("InvalidCiphertextException", null);
        }
        byte[] sealed = new byte[blob.remaining()];
        blob.get(sealed);
        byte[] plain = key.decrypt(sealed, context(body));
        return ok(JSON.createObjectNode()
                .put("KeyId", arn)
                .put("Plaintext", Base64.getEncoder().encodeToString(plain))
                .put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT"));
    }

    /** The encryption context, canonical (sorted), as associated data: KMS binds it the same way. */
    private static byte[] context(JsonNode body) {
        Map<String, String> context = new TreeMap<>();
        body.path("EncryptionContext")
                .properties()
                .forEach(e -> context.put(e.getKey(), e.getValue().asString()));
        return context.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ResponseDefinition ok(ObjectNode body) {
        return json(200).withBody(body.toString()).build();
    }

    private static ResponseDefinition error(String type, @Nullable String message) {
        ObjectNode body = JSON.createObjectNode().put("__type", type);
        if (message != null) {
            body.put("message", message);
        }
        return json(400).withBody(body.toString()).build();
    }

    private static ResponseDefinitionBuilder json(int status) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.1");
    }
}
