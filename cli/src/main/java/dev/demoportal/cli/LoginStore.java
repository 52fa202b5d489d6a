package dev.demoportal.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * The cached sign-in: {@code login.json} in the config directory, readable by its owner only
 * (0600, the directory 0700). Written to a private temporary file first and moved into place, so
 * the token is never readable by others, not even for a moment, and never half-written.
 */
final class LoginStore {

    static final String FILE = "login.json";

    /**
     * What {@code demo login} keeps: where, who, the access token until it expires, and the refresh
     * token that renews it (null when the provider gave none, and in files written before it was kept).
     */
    record Login(
            String portal,
            String issuer,
            String clientId,
            String accessToken,
            String expiresAt,
            String user,
            @Nullable String refreshToken) {

        Instant expires() {
            return Instant.parse(expiresAt);
        }

        /** The same sign-in with renewed tokens. */
        Login renewed(DeviceFlow.Tokens tokens) {
            return new Login(
                    portal,
                    issuer,
                    clientId,
                    tokens.accessToken(),
                    tokens.expiresAt().toString(),
                    user,
                    tokens.refreshToken());
        }

        @Override
        public String toString() {
            return "Login[portal=" + portal + ", user=" + user + ", expiresAt=" + expiresAt + "]";
        }
    }

    private final Path dir;

    LoginStore(Path dir) {
        this.dir = dir;
    }

    Path file() {
        return dir.resolve(FILE);
    }

    @Nullable
    Login read() {
        Path file = file();
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Api.JSON.readValue(Files.readString(file), Login.class);
        } catch (IOException | JacksonException e) {
            throw new CliFailure(
                    ExitCodes.SIGN_IN,
                    "cannot read the sign-in at " + file + " (" + e.getMessage() + "): run `demo login`");
        }
    }

    void write(Login login) {
        try {
            boolean posix =
                    FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
            Path temp = posix
                    ? Files.createTempFile(
                            dir,
                            "login",
                            ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, "login", ".tmp");
            try {
                Files.writeString(
                        temp, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(login));
                try {
                    Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the sign-in in " + dir, e);
        }
    }

    /** Forgets the sign-in; true if there was one. */
    boolean delete() {
        try {
            return Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file(), e);
        }
    }
}
