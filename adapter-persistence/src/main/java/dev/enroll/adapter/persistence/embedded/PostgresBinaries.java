package dev.enroll.adapter.persistence.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL programs ({@code bin/initdb}, {@code bin/pg_ctl}, {@code bin/postgres}) shipped
 * as a {@code .txz} on the class path by the {@code io.zonky.test.postgres} binaries artifact
 * of this platform, unpacked once into a directory named for the archive's digest under the
 * temporary directory, so every process and data directory on the machine shares one copy.
 */
final class PostgresBinaries {

    private PostgresBinaries() {
    }

    /** The unpacked directory (holding {@code bin}, {@code lib}, {@code share}), unpacking it if needed. */
    static Path unpacked() {
        String archive = archiveName();
        try {
            String digest = digest(archive);
            Path target = Path.of(System.getProperty("java.io.tmpdir"), "enroll-postgres-" + digest);
            if (Files.isRegularFile(target.resolve("bin").resolve("pg_ctl"))) {
                return target;
            }
            Path partial = Files.createTempDirectory(target.getParent(), "enroll-postgres-unpacking-");
            try {
                // Readable by everyone: a server run as another user (see ServerUser) must reach it.
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                unpack(archive, partial);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // Another process unpacked the same archive first: use its copy.
                deleteTree(partial);
            } catch (IOException e) {
                if (!Files.isRegularFile(target.resolve("bin").resolve("pg_ctl"))) {
                    throw e;
                }
                deleteTree(partial);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedded PostgreSQL (" + archive + ")", e);
        }
    }

    /** The archive for this platform, named as the binaries artifacts name it. */
    private static String archiveName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") ? "darwin" : os.contains("linux") ? "linux" : os;
        String architecture = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        String name = "postgres-" + system + "-" + architecture + ".txz";
        if (PostgresBinaries.class.getClassLoader().getResource(name) == null) {
            throw new IllegalStateException("This build carries no embedded PostgreSQL for " + system + "/"
                    + architecture + " (it carries the binaries of the platform that built it): set ENROLL_DB_URL"
                    + " to a PostgreSQL server, or build on this machine");
        }
        return name;
    }

    private static InputStream open(String archive) {
        return new BufferedInputStream(PostgresBinaries.class.getClassLoader().getResourceAsStream(archive), 1 << 16);
    }

    private static String digest(String archive) throws IOException {
        try (DigestInputStream in = new DigestInputStream(open(archive), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void unpack(String archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(open(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, permissions(0755));
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    /** The entry's mode, readable by everyone. */
    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = new HashSet<>(Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
        if ((mode & 0100) != 0) {
            permissions.addAll(Set.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return permissions;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
